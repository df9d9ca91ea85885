package dev.hixai2api.pool;

/** What the gateway knows about a stored HixAI account. */
public enum CookieState {
    /** Served requests last time it was used or checked. */
    ACTIVE,
    /** HixAI said the session is not logged in: unusable until a refresh or an admin update shows it valid. */
    DISABLED,
    /** HixAI refused it for lack of credit: skipped until its credit is refreshed. */
    NO_CREDIT
}
