package dev.hixai2api.hix;

/** One server-sent event of a HixAI answer, as far as the gateway cares. */
public sealed interface HixEvent {

    /** Thinking text of a reasoning model. */
    record Reasoning(String text) implements HixEvent {
    }

    /** {@code thinking_time}: the reasoning is over. */
    record ThinkingDone() implements HixEvent {
    }

    /** Answer text. */
    record Content(String text) implements HixEvent {
    }

    /** {@code [DONE]}: the answer is complete. */
    record Done() implements HixEvent {
    }

    /** Ids, related questions, unparseable lines: nothing the client sees. */
    record Ignored() implements HixEvent {
    }

    HixEvent DONE = new Done();
    HixEvent THINKING_DONE = new ThinkingDone();
    HixEvent IGNORED = new Ignored();
}
