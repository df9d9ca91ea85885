package dev.hixai2api.openai;

import java.util.Arrays;
import java.util.Optional;

import dev.hixai2api.core.ReasoningStyle;

/**
 * How the OpenAI chat door shows a reasoning model's thinking: REASONING_FORMAT, or a request's
 * {@code reasoning_format}.
 */
public enum ReasoningFormat {
    /** A {@code <think>} block ahead of the answer in {@code content}, as the Go tool did. */
    THINK("think", ReasoningStyle.THINK_TAGS),
    /** Apart from the answer: {@code message.reasoning_content}, streamed as {@code delta.reasoning_content}. */
    REASONING_CONTENT("reasoning_content", ReasoningStyle.BLOCKS),
    /** Not at all. */
    HIDE("hide", ReasoningStyle.HIDDEN);

    private final String wireName;
    private final ReasoningStyle style;

    ReasoningFormat(String wireName, ReasoningStyle style) {
        this.wireName = wireName;
        this.style = style;
    }

    public String wireName() {
        return wireName;
    }

    public ReasoningStyle style() {
        return style;
    }

    /** The format of that name, exactly as a client or the setting writes it; empty for any other name. */
    public static Optional<ReasoningFormat> named(String name) {
        return Arrays.stream(values()).filter(format -> format.wireName.equals(name)).findFirst();
    }
}
