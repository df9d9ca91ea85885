package dev.hixai2api.chat;

import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.LimitFilter;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.Usage;
import dev.hixai2api.hix.HixEvent;
import dev.hixai2api.hix.HixEventReader;
import dev.hixai2api.hix.HixFailureException;

/**
 * One HixAI answer as canonical events: reasoning shown the way the request asks, text cut at its limits (which
 * also cuts the upstream answer), and the usage of its question and answer with {@link AnswerEvent.End}.
 * {@link ShapedAnswer} makes the client's answer of one or two of these.
 */
final class HixAnswer extends QueuedAnswer {

    private final HixEventReader reader;
    private final ChatRequest request;
    private final String prompt;
    private final boolean breakOnFailure;
    private final AnswerText thinkTags;
    private final LimitFilter limits;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private HixEvent first;

    /**
     * @param first          the event already read to be sure HixAI answered
     * @param prompt         the question sent, for the usage count
     * @param breakOnFailure a failure becomes {@link AnswerEvent.Broken} (a stream under way) instead of being
     *                       thrown (an answer read whole, which may still fail over)
     */
    HixAnswer(HixEventReader reader, HixEvent first, ChatRequest request, String prompt, boolean breakOnFailure) {
        this.reader = reader;
        this.first = first;
        this.request = request;
        this.prompt = prompt;
        this.breakOnFailure = breakOnFailure;
        this.thinkTags = new AnswerText(request.reasoning() == ReasoningStyle.HIDDEN);
        this.limits = new LimitFilter(request.limits());
    }

    @Override
    protected void pull() {
        HixEvent event = first;
        first = null;
        if (event == null) {
            try {
                event = reader.next();
            } catch (HixFailureException e) {
                if (!breakOnFailure) {
                    throw e;
                }
                ended = true;
                ready.add(new AnswerEvent.Broken(new GatewayException(ErrorKind.UPSTREAM, "upstream_stream_interrupted",
                        null, "The upstream answer broke off: " + e.getMessage())));
                return;
            }
        }
        if (event instanceof HixEvent.Done) {
            finish(request.reasoning() == ReasoningStyle.BLOCKS ? null : thinkTags.finish());
        } else if (request.reasoning() == ReasoningStyle.BLOCKS) {
            if (event instanceof HixEvent.Reasoning reasoning) {
                thinking.append(reasoning.text());
                ready.add(new AnswerEvent.Thinking(reasoning.text()));
            } else if (event instanceof HixEvent.Content content) {
                text(content.text());
            }
        } else {
            String delta = thinkTags.delta(event);
            if (delta != null) {
                text(delta);
            }
        }
    }

    private void text(String delta) {
        emit(limits.accept(delta));
        if (limits.stopped()) {
            reader.close();  // the client gets no more: HixAI is cut, not drained
            finish(null);
        }
    }

    private void emit(String delta) {
        if (!delta.isEmpty()) {
            text.append(delta);
            ready.add(new AnswerEvent.Text(delta));
        }
    }

    private void finish(String closing) {
        if (closing != null) {
            emit(limits.accept(closing));
        }
        emit(limits.finish());
        ended = true;
        ready.add(new AnswerEvent.End(limits.reason(), limits.stopSequence(),
                Usage.of(prompt, thinking + text.toString())));
    }

    @Override
    public void close() {
        reader.close();
    }
}
