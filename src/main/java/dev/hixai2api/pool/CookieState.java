package dev.hixai2api.pool;

/**
 * Whether HixAI accepts a stored account's session. Credit used up is not a state: the side that ran out
 * (standard or advanced) shows a credit of zero until the next re-read, and the other side stays usable.
 */
public enum CookieState {
    /** Served requests last time it was used or checked. */
    ACTIVE,
    /** HixAI said the session is not logged in: unusable until a refresh or an admin update shows it valid. */
    DISABLED
}
