package dev.hixai2api.admin;

import java.io.IOException;
import java.io.InputStream;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Reads admin request bodies into their records, refusing what is not JSON of the right shape. */
@Component
public class AdminRequests {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    /** {@code {apiKey, remark}} to add, {@code {id, apiKey, remark}} to update. */
    public record ApiKeyRequest(Long id, String apiKey, String remark) {
    }

    /** {@code {cookie, remark}} to add, {@code {id, cookie, remark}} to update. */
    public record CookieRequest(Long id, String cookie, String remark) {
    }

    private final ObjectMapper mapper;

    /** Strict: a number is not a string, "7" and 7.5 are not ids, and nothing may follow the JSON object. */
    public AdminRequests(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        this.mapper = strict;
    }

    public <T> T read(Exchange exchange, Class<T> type) {
        try {
            InputStream in = exchange.getMessage().getBody(InputStream.class);
            byte[] body = in == null ? new byte[0] : in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new AdminException(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (body.length == 0) {
                throw AdminException.badRequest("request body is required (JSON)");
            }
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw AdminException.badRequest("request body must be a JSON object");
            }
            return value;
        } catch (IOException e) {
            throw AdminException.badRequest("request body is not valid JSON of the expected shape");
        }
    }

    /** The {id} of a DELETE path. */
    public static long pathId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("id must be a number");
        }
    }

    public static long requiredId(Long id) {
        if (id == null) {
            throw AdminException.badRequest("id is required");
        }
        return id;
    }

    /** Remarks are free text, but bounded and single-line. */
    public static String remark(String remark) {
        if (remark == null) {
            return "";
        }
        if (remark.length() > 255 || remark.chars().anyMatch(Character::isISOControl)
                || !StandardCharsets.UTF_8.newEncoder().canEncode(remark)) {
            throw AdminException.badRequest("remark must be at most 255 characters on one line");
        }
        return remark;
    }
}
