package dev.hixai2api.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts answer text at the client's limits as it streams: before the first stop sequence (also one spanning two
 * pieces: a tail as long as the longest sequence minus one is held back until the next piece or the end), or at
 * {@code maxOutputTokens} tokens of {@link TokenCounter}. Pure; one per answer.
 */
public final class LimitFilter {

    private final Integer maxTokens;
    private final List<String> stops;
    private final int holdBack;
    private final StringBuilder emitted = new StringBuilder();
    private String held = "";
    private StopReason reason;
    private String matched;

    public LimitFilter(Limits limits) {
        this.maxTokens = limits.maxOutputTokens();
        // a loop, not streams: one filter per answer, and most answers have no stop sequence
        List<String> sequences = new ArrayList<>(limits.stopSequences().size());
        int longest = 1;
        for (String stop : limits.stopSequences()) {
            if (!stop.isEmpty()) {
                sequences.add(stop);
                longest = Math.max(longest, stop.length());
            }
        }
        this.stops = sequences;
        this.holdBack = longest - 1;
    }

    /** The text that may leave now for this piece (possibly empty); nothing once {@link #stopped()}. */
    public String accept(String text) {
        if (reason != null) {
            return "";
        }
        String buffer = held + text;
        int cut = firstStop(buffer);
        if (cut >= 0) {
            held = "";
            String before = limitTokens(buffer.substring(0, cut));
            if (reason == null) {
                reason = StopReason.STOP_SEQUENCE;
            } else {
                matched = null;
            }
            return before;
        }
        int keep = Math.min(holdBack, buffer.length());
        if (keep > 0 && Character.isLowSurrogate(buffer.charAt(buffer.length() - keep))) {
            keep++;  // never split a surrogate pair
        }
        held = buffer.substring(buffer.length() - keep);
        return limitTokens(buffer.substring(0, buffer.length() - keep));
    }

    /** The held-back tail at the end of the answer. */
    public String finish() {
        String tail = reason == null ? limitTokens(held) : "";
        held = "";
        return tail;
    }

    public boolean stopped() {
        return reason != null;
    }

    /** Why the answer ended: END_TURN unless a limit cut it. */
    public StopReason reason() {
        return reason == null ? StopReason.END_TURN : reason;
    }

    /** The stop sequence that cut the answer, or null. */
    public String stopSequence() {
        return matched;
    }

    private int firstStop(String buffer) {
        int first = -1;
        for (String stop : stops) {
            int at = buffer.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
                matched = stop;
            }
        }
        return first;
    }

    /** The longest prefix of {@code text} that keeps the answer within maxOutputTokens. */
    private String limitTokens(String text) {
        if (maxTokens == null || text.isEmpty()) {
            emitted.append(text);
            return text;
        }
        if (TokenCounter.count(emitted + text) <= maxTokens) {
            emitted.append(text);
            return text;
        }
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (TokenCounter.count(emitted + text.substring(0, mid)) <= maxTokens) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        if (low > 0 && Character.isHighSurrogate(text.charAt(low - 1))) {
            low--;
        }
        reason = StopReason.MAX_TOKENS;
        matched = null;
        String prefix = text.substring(0, low);
        emitted.append(prefix);
        return prefix;
    }
}
