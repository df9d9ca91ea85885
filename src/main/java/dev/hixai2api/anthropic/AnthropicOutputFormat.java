package dev.hixai2api.anthropic;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.core.ResponseFormat;

/**
 * Anthropic's structured outputs: {@code output_format} (the beta's field) or {@code output_config.format}, a
 * {@code json_schema} the answer must meet. Anthropic guarantees the schema, so the format is strict: an answer
 * that still misses it after the corrective turn is an error, not text. {@code output_config.effort} tunes
 * Claude's thinking, which a web chat has no knob for: accepted and ignored (the README lists it).
 */
final class AnthropicOutputFormat {

    private static final Set<String> CONFIG_FIELDS = Set.of("format", "effort");
    private static final Set<String> FORMAT_FIELDS = Set.of("type", "schema");

    private AnthropicOutputFormat() {
    }

    static ResponseFormat read(JsonNode root) {
        JsonNode format = root.get("output_format");
        String path = "output_format";
        JsonNode config = root.get("output_config");
        if (config != null && !config.isNull()) {
            if (!config.isObject()) {
                throw AnthropicToolsParser.invalid("output_config", "must be an object");
            }
            known(config, CONFIG_FIELDS, "output_config");
            JsonNode effort = config.get("effort");
            if (effort != null && !effort.isNull() && !effort.isTextual()) {
                throw AnthropicToolsParser.invalid("output_config.effort", "must be a string");
            }
            JsonNode inConfig = config.get("format");
            if (inConfig != null && !inConfig.isNull()) {
                if (format != null && !format.isNull()) {
                    throw AnthropicToolsParser.invalid("output_format",
                            "set either output_format or output_config.format, not both");
                }
                format = inConfig;
                path = "output_config.format";
            }
        }
        if (format == null || format.isNull()) {
            return ResponseFormat.TEXT;
        }
        if (!format.isObject()) {
            throw AnthropicToolsParser.invalid(path, "must be an object");
        }
        known(format, FORMAT_FIELDS, path);
        if (!"json_schema".equals(format.path("type").asText())) {
            throw AnthropicToolsParser.invalid(path + ".type", "Input should be 'json_schema'");
        }
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "output",
                AnthropicToolsParser.schema(format.get("schema"), path + ".schema"), true);
    }

    private static void known(JsonNode object, Set<String> fields, String path) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw AnthropicToolsParser.invalid(path + "." + name, "Extra inputs are not permitted");
            }
        }
    }
}
