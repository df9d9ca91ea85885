package dev.hixai2api.core;

/** Why an answer ended. */
public enum StopReason {
    END_TURN,
    MAX_TOKENS,
    STOP_SEQUENCE
}
