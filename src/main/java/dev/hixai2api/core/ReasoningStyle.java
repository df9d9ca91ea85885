package dev.hixai2api.core;

/** How a reasoning model's thinking reaches a front door. */
public enum ReasoningStyle {
    /** In the answer text as a {@code <think>…</think>} block ahead of the answer (the Go tool's way). */
    THINK_TAGS,
    /** Dropped. */
    HIDDEN,
    /** Apart from the answer, as {@link AnswerEvent.Thinking} events. */
    BLOCKS
}
