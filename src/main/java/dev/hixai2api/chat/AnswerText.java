package dev.hixai2api.chat;

import dev.hixai2api.hix.HixEvent;

/**
 * Turns HixAI events into the text the client sees: reasoning wrapped as {@code <think>\n…\n</think>} ahead of
 * the answer, or dropped when REASONING_HIDE is on. Keeps the whole text for the usage count.
 */
final class AnswerText {

    private static final String THINK_OPEN = "<think>\n";
    private static final String THINK_CLOSE = "\n</think>\n\n";

    private final boolean hideReasoning;
    private final StringBuilder text = new StringBuilder();
    private boolean thinking;

    AnswerText(boolean hideReasoning) {
        this.hideReasoning = hideReasoning;
    }

    /** The text this event adds, or null when it adds none. */
    String delta(HixEvent event) {
        String delta = null;
        if (event instanceof HixEvent.Reasoning reasoning) {
            delta = hideReasoning ? null : (thinking ? "" : open()) + reasoning.text();
        } else if (event instanceof HixEvent.Content content) {
            delta = closeThinking() + content.text();
        } else if (event instanceof HixEvent.ThinkingDone) {
            delta = emptyToNull(closeThinking());
        }
        if (delta != null) {
            text.append(delta);
        }
        return delta;
    }

    /** A think block still open when the answer ends is closed. */
    String finish() {
        String close = closeThinking();
        text.append(close);
        return emptyToNull(close);
    }

    String text() {
        return text.toString();
    }

    private String open() {
        thinking = true;
        return THINK_OPEN;
    }

    private String closeThinking() {
        if (!thinking) {
            return "";
        }
        thinking = false;
        return THINK_CLOSE;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
