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
     * A tool the model calls, once the call is complete and its arguments met the tool's schema; all calls of an
     * answer come after its text and before {@link End} with {@link StopReason#TOOL_USE}.
     *
     * @param index the call's place among the answer's calls, from 0
     */
    record ToolUse(int index, ToolCall call) implements AnswerEvent {
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
