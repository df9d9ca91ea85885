package dev.hixai2api.openai;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;

/** The OpenAI error shape {@code {"error":{"message","type","param","code"}}}; null fields are kept. */
public record OpenAiErrorBody(Detail error) {

    /** Codes whose OpenAI type is not their kind's (kept as the gateway has always answered them). */
    private static final Map<String, String> TYPE_OF_CODE = Map.of(
            "server_busy", "server_error",
            "upstream_blocked", "upstream_error");

    public static OpenAiErrorBody of(String type, String code, String param, String message) {
        return new OpenAiErrorBody(new Detail(message, type, param, code));
    }

    public static OpenAiErrorBody of(GatewayException error) {
        return of(type(error), error.code(), error.param(), error.getMessage());
    }

    /** The OpenAI {@code type} of a gateway error. */
    public static String type(GatewayException error) {
        String special = TYPE_OF_CODE.get(error.code());
        return special != null ? special : type(error.kind());
    }

    private static String type(ErrorKind kind) {
        return switch (kind) {
            case PERMISSION -> "permission_error";
            case RATE_LIMITED -> "rate_limit_error";
            case UPSTREAM -> "upstream_error";
            case UNAVAILABLE -> "service_unavailable";
            case INTERNAL -> "server_error";
            default -> "invalid_request_error";
        };
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code) {
    }
}
