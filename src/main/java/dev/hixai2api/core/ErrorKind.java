package dev.hixai2api.core;

/** What went wrong, as every front door understands it; the HTTP status is the same whatever the dialect. */
public enum ErrorKind {
    INVALID_REQUEST(400),
    AUTHENTICATION(401),
    PERMISSION(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    TIMEOUT(408),
    TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    UPSTREAM(502),
    UNAVAILABLE(503);

    private final int status;

    ErrorKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
