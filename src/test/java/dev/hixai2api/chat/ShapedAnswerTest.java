package dev.hixai2api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.AnswerStream;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import dev.hixai2api.core.Usage;
import org.junit.jupiter.api.Test;

class ShapedAnswerTest {

    private static final String BROKEN = "Let me see.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {";
    private static final String VALID = "<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>";

    private final List<String> asked = new ArrayList<>();
    private final AtomicReference<ChatMessage> recorded = new AtomicReference<>();

    private static ChatRequest request() throws Exception {
        return new ChatRequest("gpt-4o-mini", List.of(new ChatMessage("user", "hi")), true, Limits.NONE,
                ReasoningStyle.THINK_TAGS).withTools(new Tools(List.of(new ToolDefinition("f", "",
                new ObjectMapper().readTree("{\"type\":\"object\"}"))), ToolChoice.AUTO, true));
    }

    private static AnswerStream answer(String text, StopReason reason, Usage usage) {
        Iterator<AnswerEvent> events = List.<AnswerEvent>of(new AnswerEvent.Text(text),
                new AnswerEvent.End(reason, null, usage)).iterator();
        return new AnswerStream() {
            @Override
            public AnswerEvent next() {
                return events.next();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private List<AnswerEvent> read(AnswerStream first, AnswerStream followUp) throws Exception {
        ShapedAnswer shaped = new ShapedAnswer(first, request(), question -> {
            asked.add(question);
            return followUp;
        }, true, recorded::set);
        List<AnswerEvent> events = new ArrayList<>();
        AnswerEvent event;
        do {
            event = shaped.next();
            events.add(event);
        } while (!(event instanceof AnswerEvent.End));
        return events;
    }

    @Test
    void anAnswerACutLimitBrokeGetsNoCorrectiveTurnAndStaysText() throws Exception {
        List<AnswerEvent> events = read(answer(BROKEN, StopReason.MAX_TOKENS, new Usage(5, 9)), null);

        assertThat(asked).isEmpty();
        assertThat(events).containsExactly(new AnswerEvent.Text("Let me see."),
                new AnswerEvent.Text("\n<tool_call>\n{\"name\": \"f\", \"arguments\": {"),
                new AnswerEvent.End(StopReason.MAX_TOKENS, null, new Usage(5, 9)));
        assertThat(recorded.get()).isEqualTo(new ChatMessage("assistant", BROKEN));
    }

    @Test
    void theCorrectiveTurnsUsageAddsUpAndItsCallIsRecorded() throws Exception {
        List<AnswerEvent> events = read(answer(BROKEN, StopReason.END_TURN, new Usage(5, 9)),
                answer(VALID, StopReason.END_TURN, new Usage(40, 12)));

        assertThat(asked).singleElement().asString().startsWith("Your last answer could not be used as tool calls");
        assertThat(events.get(events.size() - 1)).isEqualTo(new AnswerEvent.End(StopReason.TOOL_USE, null,
                new Usage(45, 21)));
        assertThat(events).filteredOn(AnswerEvent.ToolUse.class::isInstance).singleElement()
                .satisfies(use -> assertThat(((AnswerEvent.ToolUse) use).call().name()).isEqualTo("f"));
        assertThat(recorded.get().text()).isEqualTo("Let me see.");
        assertThat(recorded.get().toolCalls()).singleElement().satisfies(call -> assertThat(call.arguments())
                .isEqualTo("{}"));
    }
}
