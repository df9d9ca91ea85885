package dev.hixai2api.core;

/** Why an answer ended. */
public enum StopReason {
    END_TURN,
    MAX_TOKENS,
    STOP_SEQUENCE,
    /** The answer calls tools ({@link AnswerEvent.ToolUse} events came before the end). */
    TOOL_USE
}
