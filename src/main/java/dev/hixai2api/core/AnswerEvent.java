package dev.hixai2api.core;

/** What the core hands a front door, event by event, for it to render in its dialect. */
public sealed interface AnswerEvent {

    /** Thinking text of a reasoning model, with {@link ReasoningStyle#BLOCKS} only. */
    record Thinking(String text) implements AnswerEvent {
    }

    /** Answer text (with {@link ReasoningStyle#THINK_TAGS} the think block arrives as text too). */
    record Text(String text) implements AnswerEvent {
    }

    /**
     * The answer is complete.
     *
     * @param stopSequence the stop sequence that ended it, or null
     */
    record End(StopReason reason, String stopSequence, Usage usage) implements AnswerEvent {
    }

    /** HixAI broke off after the first content had gone to the client: the stream ends with the door's error. */
    record Broken(GatewayException error) implements AnswerEvent {
    }
}
