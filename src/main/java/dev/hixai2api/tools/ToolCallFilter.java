package dev.hixai2api.tools;

/**
 * Lets the text of an answer that may call tools stream as it comes, but none of the call markup: a tail that may
 * be the start of a {@code <tool_call>} tag (with a fence opener and blank space before it) is held back until the
 * next piece shows what it is; from the first tag on, everything is held for {@link ToolCallParser}. Pure; one per
 * answer.
 */
public final class ToolCallFilter {

    private final StringBuilder all = new StringBuilder();
    private int released;
    private boolean inMarkup;

    /** The text that may leave now for this piece (possibly empty). */
    public String accept(String piece) {
        all.append(piece);
        if (inMarkup) {
            return "";
        }
        // a tag cannot start before what was released: only then is the whole answer searched for its fence
        int start = all.indexOf(ToolPrompt.OPEN_TAG, released) < 0 ? -1 : ToolCallParser.markupStart(all.toString());
        if (start >= 0) {
            inMarkup = true;
            return release(start);
        }
        return release(all.length() - possibleMarkupTail());
    }

    /** At the end of the answer: the held-back tail when no call markup followed, else nothing. */
    public String finish() {
        return inMarkup ? "" : release(all.length());
    }

    /** What has not left yet: the markup and anything after it, once the answer is over. */
    public String held() {
        return all.substring(released);
    }

    private String release(int upTo) {
        if (upTo <= released) {
            return "";
        }
        String out = all.substring(released, upTo);
        released = upTo;
        return out;
    }

    /** The length of the longest tail that may still grow into markup: blank space, a fence opener, a tag's start. */
    private int possibleMarkupTail() {
        int end = all.length();
        int tagStart = end;
        String tag = ToolPrompt.OPEN_TAG;
        for (int length = Math.min(tag.length() - 1, end); length > 0; length--) {
            if (tag.startsWith(all.substring(end - length))) {
                tagStart = end - length;
                break;
            }
        }
        int start = tagStart;
        while (start > released && Character.isWhitespace(all.charAt(start - 1))) {
            start--;
        }
        int letters = start;
        while (letters > released && Character.isLetter(all.charAt(letters - 1))) {
            letters--;
        }
        if (letters - 3 >= released && "```".contentEquals(all.subSequence(letters - 3, letters))) {
            start = letters - 3;
            while (start > released && Character.isWhitespace(all.charAt(start - 1))) {
                start--;
            }
        }
        return end - start;
    }
}
