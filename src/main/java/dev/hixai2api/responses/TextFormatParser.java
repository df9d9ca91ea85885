package dev.hixai2api.responses;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.openai.OpenAiFields;
import dev.hixai2api.openai.OpenAiResponseFormat;

/**
 * Reads {@code text}: its {@code format} (text, json_object, or json_schema with name, schema, strict and
 * description, read as a chat completion's {@code response_format.json_schema}) becomes the answer's
 * {@link ResponseFormat}; {@code verbosity} is a style hint HixAI's web chat has no setting for (ignored, as the
 * README lists).
 */
final class TextFormatParser {

    private static final Set<String> VERBOSITY = Set.of("low", "medium", "high");

    private TextFormatParser() {
    }

    static ResponseFormat parse(JsonNode root) {
        JsonNode text = root.get("text");
        if (text == null || text.isNull()) {
            return ResponseFormat.TEXT;
        }
        if (!text.isObject()) {
            throw GatewayException.invalidRequest("text", "`text` must be an object.");
        }
        String verbosity = OpenAiFields.optionalText(text, "verbosity", "text.verbosity");
        if (verbosity != null && !VERBOSITY.contains(verbosity)) {
            throw GatewayException.invalidRequest("text.verbosity", "`text.verbosity` must be `low`, `medium` or "
                    + "`high`.");
        }
        JsonNode format = text.get("format");
        if (format == null || format.isNull()) {
            return ResponseFormat.TEXT;
        }
        if (!format.isObject()) {
            throw GatewayException.invalidRequest("text.format", "`text.format` must be an object.");
        }
        String type = OpenAiFields.text(format, "type", "text.format.type");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, false);
            case "json_schema" -> OpenAiResponseFormat.jsonSchema(format, "text.format");
            default -> throw GatewayException.invalidRequest("text.format.type",
                    "`text.format.type` must be `text`, `json_object` or `json_schema`.");
        };
    }
}
