package dev.hixai2api.chat;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.AnswerStream;
import dev.hixai2api.core.StreamRenderer;

/**
 * The client's SSE body: pulls the next answer event only when the client asks for more bytes and hands back
 * the door's frames for it, so each upstream event leaves as soon as it arrived.
 */
final class RenderedStream extends InputStream {

    private final AnswerStream answer;
    private final StreamRenderer renderer;
    private final Deque<byte[]> frames = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private boolean ended;

    RenderedStream(AnswerStream answer, StreamRenderer renderer) {
        this.answer = answer;
        this.renderer = renderer;
        frames.addAll(renderer.start());
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
        while (current == null || position == current.length) {
            current = nextFrame();
            position = 0;
            if (current == null) {
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, target, offset, count);
        position += count;
        return count;
    }

    /** The next whole frame, waiting for the next answer event when none is left; null at the end. */
    byte[] nextFrame() {
        while (frames.isEmpty()) {
            if (ended) {
                return null;
            }
            AnswerEvent event = answer.next();
            ended = event instanceof AnswerEvent.End || event instanceof AnswerEvent.Broken;
            frames.addAll(renderer.event(event));
        }
        return frames.removeFirst();
    }

    /** The client went away or the response is written: an unfinished upstream answer is cut, not drained. */
    @Override
    public void close() {
        ended = true;
        answer.close();
    }
}
