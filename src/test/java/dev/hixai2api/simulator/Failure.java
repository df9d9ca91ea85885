package dev.hixai2api.simulator;

/** The ways HixAI (or Cloudflare in front of it) fails, each shaped as in hix-protocol.md section 6. */
public enum Failure {
    /** HTTP 401 with the not-login JSON body. */
    UNAUTHORIZED_HTTP(false),
    /** tRPC error -32001 UNAUTHORIZED, HTTP 401. */
    TRPC_UNAUTHORIZED(false),
    /** HTTP 200 with {"status":-5,"message":"not login","data":{}}. */
    NOT_LOGIN_BODY(false),
    /** tRPC error -32003 FORBIDDEN "Insufficient credits", HTTP 403. */
    CREDIT_EXHAUSTED(false),
    /** HTTP 403, cf-mitigated: challenge, "Just a moment..." page. */
    CLOUDFLARE_CHALLENGE(false),
    /** The same challenge with HTTP 503. */
    CLOUDFLARE_CHALLENGE_503(false),
    /** HTTP 403 "Sorry, you have been blocked" page. */
    CLOUDFLARE_BLOCK(false),
    /** HTTP 502 with a short HTML body. */
    SERVER_ERROR(false),
    /**
     * The connection is closed without any HTTP response. The JDK server cannot send a TCP RST, so the client
     * sees an end of stream before the status line, which HTTP clients report as a closed/reset connection.
     */
    CONNECTION_RESET(false),
    /** Two content events, then silence for up to 60 s (or until reset/close), then the stream ends. */
    STALL_MID_STREAM(true),
    /** Two content events, then the response ends without [DONE]. */
    DROP_MID_STREAM(true),
    /** HTTP 200 text/html page instead of the event stream; the chat is not accepted nor debited. */
    HTML_INSTEAD_OF_SSE(true),
    /** Non-JSON data lines and a garbage line before a valid answer. */
    MALFORMED_SSE(true),
    /** Three seconds before the response headers, then a normal answer. */
    SLOW_FIRST_BYTE(true);

    private final boolean streamOnly;

    Failure(boolean streamOnly) {
        this.streamOnly = streamOnly;
    }

    /** Failures that only make sense for the chat call: createChat and usage calls ignore them. */
    public boolean streamOnly() {
        return streamOnly;
    }
}
