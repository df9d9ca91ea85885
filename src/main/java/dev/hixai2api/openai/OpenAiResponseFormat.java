package dev.hixai2api.openai;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.tools.JsonSchemaCheck;

/**
 * A chat completion's {@code response_format}: {@code {"type":"text"}}, {@code {"type":"json_object"}} or
 * {@code {"type":"json_schema","json_schema":{name, schema, strict, description}}}. The schema is checked here, so
 * an unusable one is refused before anything is asked of HixAI.
 */
public final class OpenAiResponseFormat {

    private static final String FIELD = "response_format";
    private static final String SCHEMA_FIELD = FIELD + ".json_schema";
    /** OpenAI's rule for the name: letters, digits, underscores and dashes, at most 64. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private OpenAiResponseFormat() {
    }

    static ResponseFormat read(JsonNode root) {
        JsonNode format = root.get(FIELD);
        if (format == null || format.isNull()) {
            return ResponseFormat.TEXT;
        }
        if (!format.isObject()) {
            throw GatewayException.invalidRequest(FIELD, "`response_format` must be an object with a `type`.");
        }
        String type = format.path("type").asText(null);
        if (type == null || !format.get("type").isTextual()) {
            throw GatewayException.invalidRequest(FIELD + ".type", "`response_format.type` must be a string.");
        }
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, false);
            case "json_schema" -> jsonSchema(format.get("json_schema"), SCHEMA_FIELD);
            default -> throw GatewayException.invalidRequest(FIELD + ".type", "`response_format.type` must be "
                    + "text, json_object or json_schema, not " + type + ".");
        };
    }

    /**
     * A json_schema format's {@code name}, {@code schema}, {@code strict} and {@code description} at {@code path}
     * (the Responses API's {@code text.format} holds them too).
     */
    public static ResponseFormat jsonSchema(JsonNode jsonSchema, String path) {
        if (jsonSchema == null || !jsonSchema.isObject()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be an object with "
                    + "`name` and `schema`.");
        }
        String name = OpenAiFields.text(jsonSchema, "name", path + ".name");
        if (!NAME.matcher(name).matches()) {
            throw GatewayException.invalidRequest(path + ".name", "`" + path + ".name` must be 1 "
                    + "to 64 letters, digits, underscores or dashes.");
        }
        String description = OpenAiFields.optionalText(jsonSchema, "description", path + ".description");
        boolean strict = OpenAiFields.bool(jsonSchema, "strict", path + ".strict", false);
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, name,
                schema(jsonSchema.get("schema"), description, path + ".schema"), strict);
    }

    /**
     * The schema, checked; the format's description (what the answer is for) goes into its top-level
     * {@code description}, where whoever reads the schema sees it.
     */
    private static JsonNode schema(JsonNode schema, String description, String field) {
        if (schema == null || !schema.isObject()) {
            throw GatewayException.invalidRequest(field, "`" + field + "` must be a JSON schema object.");
        }
        try {
            JsonSchemaCheck.of(schema);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest(field, "`" + field + "` is " + e.getMessage());
        }
        if (description == null || description.isBlank()) {
            return schema;
        }
        ObjectNode described = ((ObjectNode) schema).deepCopy();
        String own = schema.path("description").asText("");
        described.put("description", own.isBlank() ? description : description + "\n" + own);
        return described;
    }
}
