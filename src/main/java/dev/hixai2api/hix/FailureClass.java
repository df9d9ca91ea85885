package dev.hixai2api.hix;

/** How an upstream failure is treated (hix-protocol.md, section 6). */
public enum FailureClass {
    /** The session expired or is invalid: the cookie is disabled until it is shown valid again. */
    DEAD_SESSION(true),
    /** Credit used up or access refused: the model's side (standard or advanced) of the cookie is out until re-read. */
    NO_CREDIT(true),
    /** Cloudflare challenged or blocked the gateway's address: no cookie is at fault and none would do better. */
    CLOUDFLARE(false),
    /** 5xx, reset, stall, a stream cut short, HTML where JSON was expected: another attempt may succeed. */
    TRANSIENT(true),
    /** HixAI refused the request itself (4xx): repeating it elsewhere would fail the same way. */
    REJECTED(false),
    /**
     * Every one of the gateway's UPSTREAM_MAX_CONNECTIONS connections to HixAI stayed in use for
     * UPSTREAM_CONNECT_TIMEOUT: the gateway is at its own limit, no cookie is at fault and another would wait alike.
     */
    GATEWAY_BUSY(false);

    private final boolean worthAnotherCookie;

    FailureClass(boolean worthAnotherCookie) {
        this.worthAnotherCookie = worthAnotherCookie;
    }

    public boolean worthAnotherCookie() {
        return worthAnotherCookie;
    }
}
