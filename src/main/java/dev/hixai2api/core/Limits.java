package dev.hixai2api.core;

import java.util.List;

/**
 * Where the client wants the answer cut.
 *
 * @param maxOutputTokens at most this many answer tokens (the usage tokenizer's count); null for no limit
 * @param stopSequences   the answer ends before the first of these; empty for none
 */
public record Limits(Integer maxOutputTokens, List<String> stopSequences) {

    public static final Limits NONE = new Limits(null, List.of());

    public Limits {
        stopSequences = List.copyOf(stopSequences);
    }
}
