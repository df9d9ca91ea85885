package dev.hixai2api.chat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.AnswerStream;

/** An answer read to its end at once (a failure on the way is thrown, so the attempt may fail over), replayable. */
final class AnswerReplay implements AnswerStream {

    private final List<AnswerEvent> events;
    private final Iterator<AnswerEvent> replay;

    private AnswerReplay(List<AnswerEvent> events) {
        this.events = List.copyOf(events);
        this.replay = this.events.iterator();
    }

    static AnswerReplay of(AnswerStream answer) {
        List<AnswerEvent> events = new ArrayList<>();
        try (answer) {
            AnswerEvent event;
            do {
                event = answer.next();
                events.add(event);
            } while (!(event instanceof AnswerEvent.End) && !(event instanceof AnswerEvent.Broken));
        }
        return new AnswerReplay(events);
    }

    /** All events, the last one End. */
    List<AnswerEvent> events() {
        return events;
    }

    @Override
    public AnswerEvent next() {
        return replay.next();
    }

    @Override
    public void close() {
        // read and closed already
    }
}
