package dev.hixai2api.responses;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.openai.OpenAiFields;
import dev.hixai2api.tools.JsonSchemaCheck;

/**
 * Reads {@code text}: its {@code format} (text, json_object, or json_schema with name, schema and strict) becomes the
 * answer's {@link ResponseFormat}; {@code verbosity} is a style hint HixAI's web chat has no setting for (ignored,
 * as the README lists).
 */
final class TextFormatParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
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
            case "json_schema" -> jsonSchema(format);
            default -> throw GatewayException.invalidRequest("text.format.type",
                    "`text.format.type` must be `text`, `json_object` or `json_schema`.");
        };
    }

    private static ResponseFormat jsonSchema(JsonNode format) {
        String name = OpenAiFields.text(format, "name", "text.format.name");
        if (!NAME.matcher(name).matches()) {
            throw GatewayException.invalidRequest("text.format.name",
                    "`text.format.name` must be 1 to 64 letters, digits, underscores or dashes.");
        }
        String description = OpenAiFields.optionalText(format, "description", "text.format.description");
        JsonNode schema = format.get("schema");
        if (schema == null || !schema.isObject()) {
            throw GatewayException.invalidRequest("text.format.schema", "`text.format.schema` must be a JSON schema "
                    + "object.");
        }
        try {
            JsonSchemaCheck.of(schema);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest("text.format.schema", "`text.format.schema` is " + e.getMessage());
        }
        boolean strict = OpenAiFields.bool(format, "strict", "text.format.strict", false);
        ObjectNode shown = schema.deepCopy();
        // The format's description tells the model what the answer is for: it goes where the engine shows it.
        if (description != null && !shown.has("description")) {
            shown.put("description", description);
        }
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, name, shown, strict);
    }
}
