package dev.hixai2api.core;

/** An answer read event by event as HixAI sends it. */
public interface AnswerStream extends AutoCloseable {

    /** Blocks until the next event; after {@link AnswerEvent.End} or {@link AnswerEvent.Broken} none follows. */
    AnswerEvent next();

    /** The answer is written or the client left: an unfinished upstream answer is cut, not drained. */
    @Override
    void close();
}
