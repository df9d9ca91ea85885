package dev.hixai2api.openai;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.GatewayException;

/** Typed fields of an OpenAI request body, refused in OpenAI's words with the field's path as {@code param}. */
public final class OpenAiFields {

    private OpenAiFields() {
    }

    /** The request body as a JSON object, nothing after it; refused in OpenAI's words otherwise. */
    public static JsonNode object(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest(null, "We could not parse the JSON body of your request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw GatewayException.invalidRequest(null, "We could not read the body of your request.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.invalidRequest(null, "The request body must be a JSON object.");
        }
        return root;
    }

    /** A string that must be there. */
    public static String text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be a string.");
        }
        return value.asText();
    }

    /** A string that may be missing or null (then null). */
    public static String optionalText(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : text(parent, field, path);
    }

    /** A boolean; {@code absent} when missing or null. */
    public static boolean bool(JsonNode parent, String field, String path, boolean absent) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be a boolean.");
        }
        return value.booleanValue();
    }

    /** A positive integer that may be missing or null (then null). */
    public static Integer positiveInt(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be a positive integer.");
        }
        return value.intValue();
    }
}
