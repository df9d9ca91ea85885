package dev.hixai2api.admin;

/** The admin API's answer: code 0 on success, 1 on failure (the Go tool's envelope). */
public record Envelope(int code, String message, Object data) {

    public static Envelope ok(String message, Object data) {
        return new Envelope(0, message, data);
    }

    public static Envelope failed(String message) {
        return new Envelope(1, message, null);
    }
}
