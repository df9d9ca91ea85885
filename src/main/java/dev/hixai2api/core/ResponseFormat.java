package dev.hixai2api.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape the client wants the answer in (OpenAI's response_format, the Responses API's text.format).
 *
 * @param name   the schema's name ({@link Type#JSON_SCHEMA} only), else null
 * @param schema the JSON schema the answer must meet ({@link Type#JSON_SCHEMA} only), else null
 * @param strict whether an answer that does not meet it is an error rather than returned as it is
 */
public record ResponseFormat(Type type, String name, JsonNode schema, boolean strict) {

    public enum Type {
        TEXT,
        JSON_OBJECT,
        JSON_SCHEMA
    }

    public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, false);
}
