package dev.hixai2api.core;

/** Tokens of the question sent and of the answer, counted by the gateway's tokenizer. */
public record Usage(int inputTokens, int outputTokens) {

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
