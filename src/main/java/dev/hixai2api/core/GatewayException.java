package dev.hixai2api.core;

import java.time.Duration;

/**
 * A request the gateway refuses or cannot answer, in no dialect: the layers below the front doors throw only
 * this, and each door renders it in its own error shape with {@link ErrorKind#status()}.
 */
public class GatewayException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;
    private final String param;
    private final Duration retryAfter;

    /**
     * @param code  a stable machine-readable code, e.g. {@code model_not_found}
     * @param param the request field at fault, or null
     */
    public GatewayException(ErrorKind kind, String code, String param, String message) {
        this(kind, code, param, message, null);
    }

    /** @param retryAfter when the client may try again (sent as {@code Retry-After}), or null */
    public GatewayException(ErrorKind kind, String code, String param, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    public static GatewayException invalidRequest(String param, String message) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, "invalid_request", param, message);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
