package dev.hixai2api.chat;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.AnswerStream;

/**
 * An answer whose events are made by reading further upstream: one upstream event may give none, one or several
 * of them, so they wait in a queue until the door asks.
 */
abstract class QueuedAnswer implements AnswerStream {

    protected final Deque<AnswerEvent> ready = new ArrayDeque<>();
    /** Set with the last event added: nothing is read after it. */
    protected boolean ended;

    @Override
    public final AnswerEvent next() {
        while (ready.isEmpty()) {
            if (ended) {
                throw new IllegalStateException("the answer has ended");
            }
            pull();
        }
        return ready.removeFirst();
    }

    /** Reads on upstream, adding the events that gives to {@link #ready}. */
    protected abstract void pull();
}
