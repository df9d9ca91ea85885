package dev.hixai2api.core;

import java.util.Objects;

/**
 * Tokens of the question sent and of the answer, counted by the gateway's tokenizer. A counted usage counts when a
 * door first reads it, not when the answer ends: an OpenAI stream without {@code stream_options.include_usage}
 * never reports it, and counting was about 6 % of such a stream's CPU (docs/benchmark.md).
 */
public final class Usage {

    private final String prompt;
    private final String completion;
    private final Usage first;
    private final Usage second;
    private int inputTokens;
    private int outputTokens;
    private boolean counted;

    public Usage(int inputTokens, int outputTokens) {
        this(null, null, null, null);
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.counted = true;
    }

    private Usage(String prompt, String completion, Usage first, Usage second) {
        this.prompt = prompt;
        this.completion = completion;
        this.first = first;
        this.second = second;
    }

    /** The usage of {@code prompt} and {@code completion}, counted when first read. */
    public static Usage of(String prompt, String completion) {
        return new Usage(prompt, completion, null, null);
    }

    /** This usage and {@code next} together (a follow-up question and its answer), added when first read. */
    public Usage plus(Usage next) {
        return new Usage(null, null, this, next);
    }

    public int inputTokens() {
        count();
        return inputTokens;
    }

    public int outputTokens() {
        count();
        return outputTokens;
    }

    public int totalTokens() {
        return inputTokens() + outputTokens();
    }

    private synchronized void count() {
        if (counted) {
            return;
        }
        if (first != null) {
            inputTokens = first.inputTokens() + second.inputTokens();
            outputTokens = first.outputTokens() + second.outputTokens();
        } else {
            inputTokens = TokenCounter.count(prompt);
            outputTokens = TokenCounter.count(completion);
        }
        counted = true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Usage usage
                && inputTokens() == usage.inputTokens() && outputTokens() == usage.outputTokens();
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputTokens(), outputTokens());
    }

    @Override
    public String toString() {
        return "Usage[inputTokens=" + inputTokens() + ", outputTokens=" + outputTokens() + "]";
    }
}
