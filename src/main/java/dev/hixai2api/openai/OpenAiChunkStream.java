package dev.hixai2api.openai;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import dev.hixai2api.hix.HixEvent;
import dev.hixai2api.hix.HixEventReader;
import dev.hixai2api.hix.HixFailureException;

/**
 * The client's SSE body: reads HixAI events only when the client asks for more bytes and hands back the
 * OpenAI chunks of the events read so far, so each upstream event leaves as soon as it arrived. A break
 * after the start ends the stream with an error event instead of {@code [DONE]}.
 */
public final class OpenAiChunkStream extends InputStream {

    private final HixEventReader reader;
    private final OpenAiResponses responses;
    private final AnswerText answer;
    private final boolean includeUsage;
    private final String prompt;
    private final Consumer<String> onComplete;
    private final Deque<byte[]> frames = new ArrayDeque<>();
    private HixEvent first;
    private byte[] current;
    private int position;
    private boolean ended;

    /**
     * @param first      the event already read to be sure the upstream answered before the first byte leaves
     * @param onComplete receives the whole answer text once {@code [DONE]} arrived, before any closing frame leaves
     */
    public OpenAiChunkStream(HixEventReader reader, HixEvent first, OpenAiResponses responses, AnswerText answer,
                             boolean includeUsage, String prompt, Consumer<String> onComplete) {
        this.reader = reader;
        this.first = first;
        this.responses = responses;
        this.answer = answer;
        this.includeUsage = includeUsage;
        this.prompt = prompt;
        this.onComplete = onComplete;
        frames.add(responses.chunkFrame("assistant", ""));
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, target, offset, count);
        position += count;
        return count;
    }

    /** Makes sure {@code current} holds unread bytes, reading upstream events only when none are left. */
    private boolean fill() {
        while (current == null || position == current.length) {
            if (!frames.isEmpty()) {
                current = frames.removeFirst();
                position = 0;
            } else if (ended) {
                return false;
            } else {
                translateNextEvent();
            }
        }
        return true;
    }

    private void translateNextEvent() {
        HixEvent event;
        if (first != null) {
            event = first;
            first = null;
        } else {
            try {
                event = reader.next();
            } catch (HixFailureException e) {
                ended = true;
                frames.add(responses.errorFrame("The upstream answer broke off: " + e.getMessage()));
                return;
            }
        }
        if (event instanceof HixEvent.Done) {
            finish();
            return;
        }
        String delta = answer.delta(event);
        if (delta != null) {
            frames.add(responses.chunkFrame(null, delta));
        }
    }

    private void finish() {
        ended = true;
        String closing = answer.finish();
        // before the closing frames: a client may send its next turn the moment it reads [DONE]
        onComplete.accept(answer.text());
        if (closing != null) {
            frames.add(responses.chunkFrame(null, closing));
        }
        frames.add(responses.stopFrame());
        if (includeUsage) {
            frames.add(responses.usageFrame(TokenCounter.usage(prompt, answer.text())));
        }
        frames.add(responses.doneFrame());
    }

    /** The client went away or the response is written: an unfinished upstream answer is cut, not drained. */
    @Override
    public void close() {
        ended = true;
        reader.close();
    }
}
