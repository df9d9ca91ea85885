package dev.hixai2api.openai;

/**
 * A request the gateway refuses, carrying everything the OpenAI error shape
 * {@code {"error":{"message","type","param","code"}}} and its HTTP status need.
 */
public class OpenAiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Long retryAfterSeconds;

    public OpenAiException(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, null);
    }

    public OpenAiException(int status, String type, String code, String param, String message,
                           Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static OpenAiException invalidRequest(String param, String message) {
        return new OpenAiException(400, "invalid_request_error", "invalid_request", param, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    /** For a 429: when the client may try again; null otherwise. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
