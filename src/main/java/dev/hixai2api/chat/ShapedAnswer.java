package dev.hixai2api.chat;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.AnswerStream;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.Usage;
import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.tools.JsonAnswer;
import dev.hixai2api.tools.ToolCallCheck;
import dev.hixai2api.tools.ToolCallFilter;
import dev.hixai2api.tools.ToolCallParser;
import dev.hixai2api.tools.ToolPrompt;

/**
 * The client's answer made of HixAI's: text streams as it comes, except any tool-call markup (held for parsing)
 * and a JSON answer (held whole). Calls that are valid become {@link AnswerEvent.ToolUse} events before an End
 * with {@link StopReason#TOOL_USE}; an answer whose calls are unusable, that misses its tool_choice or its JSON
 * format gets ONE corrective turn in the same HixAI chat, after which it goes out as text (a strict JSON format:
 * an error, {@code response_format_unmet}). An answer a client limit cut gets none. The whole answer (its text
 * and calls) is handed to {@code onComplete} before the End leaves, so it is recorded first; the End's usage sums
 * both turns.
 */
final class ShapedAnswer extends QueuedAnswer {

    private final ChatRequest request;
    private final Function<String, AnswerStream> followUp;
    private final boolean breakOnFailure;
    private final Consumer<ChatMessage> onComplete;
    private final ToolCallCheck toolCheck;
    private final JsonAnswer jsonAnswer;
    private final StringBuilder shown = new StringBuilder();
    private AnswerStream current;
    private ToolCallFilter filter;
    private StringBuilder raw = new StringBuilder();
    private Usage usage = new Usage(0, 0);
    private boolean corrected;
    /** The corrective turn's text is set apart from what the first answer already showed. */
    private boolean separate;

    /**
     * @param followUp       asks the same chat a further question and returns its answer
     * @param breakOnFailure a failure becomes {@link AnswerEvent.Broken} instead of being thrown
     */
    ShapedAnswer(AnswerStream first, ChatRequest request, Function<String, AnswerStream> followUp,
                 boolean breakOnFailure, Consumer<ChatMessage> onComplete) {
        this.current = first;
        this.request = request;
        this.followUp = followUp;
        this.breakOnFailure = breakOnFailure;
        this.onComplete = onComplete;
        this.toolCheck = request.tools().callable() ? new ToolCallCheck(request.tools()) : null;
        this.jsonAnswer = request.format().type() == ResponseFormat.Type.TEXT ? null : new JsonAnswer(request.format());
        this.filter = toolCheck == null ? null : new ToolCallFilter();
    }

    /** Whether the answer is held until complete (a JSON format): it cannot stream event by event. */
    static boolean heldWhole(ChatRequest request) {
        return request.format().type() != ResponseFormat.Type.TEXT;
    }

    @Override
    protected void pull() {
        AnswerEvent event = current.next();
        if (event instanceof AnswerEvent.Text text) {
            raw.append(text.text());
            if (jsonAnswer == null) {
                show(filter == null ? text.text() : filter.accept(text.text()));
            }
        } else if (event instanceof AnswerEvent.End end) {
            usage = usage.plus(end.usage());
            answered(end);
        } else {
            ended = event instanceof AnswerEvent.Broken;
            ready.add(event);
        }
    }

    private void answered(AnswerEvent.End end) {
        boolean cut = end.reason() != StopReason.END_TURN;
        if (toolCheck != null && !cut) {
            ToolCallCheck.Verdict verdict = toolCheck.check(ToolCallParser.parse(raw.toString()));
            if (!verdict.calls().isEmpty()) {
                show(jsonAnswer == null ? filter.finish() : verdict.text());
                finish(StopReason.TOOL_USE, null, verdict.calls());
                return;
            }
            if (!verdict.problems().isEmpty()) {
                correctOrGiveUp(ToolPrompt.correction(verdict.problems()), null, end);
                return;
            }
        }
        if (jsonAnswer != null && !cut) {
            JsonAnswer.Verdict verdict = jsonAnswer.check(raw.toString());
            if (verdict.problems().isEmpty()) {
                show(verdict.json());
                finish(end.reason(), end.stopSequence(), List.of());
            } else {
                correctOrGiveUp(JsonAnswer.correction(verdict.problems()), verdict.problems(), end);
            }
            return;
        }
        asText(end);
    }

    /** @param formatProblems what a strict format refuses when the corrected answer still misses it; else null */
    private void correctOrGiveUp(String correction, List<String> formatProblems, AnswerEvent.End end) {
        if (!corrected) {
            corrected = true;
            ask(correction);
        } else if (formatProblems != null && request.format().strict()) {
            fail(new GatewayException(ErrorKind.UPSTREAM, "response_format_unmet", "response_format",
                    "The model's answer does not meet the strict response format, even after a corrective turn: "
                            + String.join("; ", formatProblems)));
        } else {
            asText(end);
        }
    }

    /** The answer as it came: what the filter still holds, markup included, or the whole held JSON answer. */
    private void asText(AnswerEvent.End end) {
        show(jsonAnswer != null ? raw.toString() : filter != null ? filter.finish() + filter.held() : "");
        finish(end.reason(), end.stopSequence(), List.of());
    }

    private void ask(String correction) {
        current.close();
        separate = !shown.isEmpty();
        raw = new StringBuilder();
        filter = filter == null ? null : new ToolCallFilter();
        try {
            current = followUp.apply(correction);
        } catch (HixFailureException | UncheckedIOException e) {
            if (!breakOnFailure) {
                throw e;  // an answer read whole may still fail over to another cookie
            }
            fail(new GatewayException(ErrorKind.UPSTREAM, "upstream_stream_interrupted", null,
                    "The upstream answer broke off: " + e.getMessage()));
        }
    }

    private void fail(GatewayException error) {
        if (!breakOnFailure) {
            throw error;
        }
        ended = true;
        ready.add(new AnswerEvent.Broken(error));
    }

    private void show(String text) {
        if (!text.isEmpty()) {
            String out = separate ? "\n\n" + text : text;
            separate = false;
            shown.append(out);
            ready.add(new AnswerEvent.Text(out));
        }
    }

    private void finish(StopReason reason, String stopSequence, List<ToolCall> calls) {
        ended = true;
        onComplete.accept(calls.isEmpty() ? new ChatMessage("assistant", shown.toString())
                : ChatMessage.toolCalls(shown.toString(), calls));
        for (int i = 0; i < calls.size(); i++) {
            ready.add(new AnswerEvent.ToolUse(i, calls.get(i)));
        }
        ready.add(new AnswerEvent.End(reason, stopSequence, usage));
    }

    @Override
    public void close() {
        current.close();
    }
}
