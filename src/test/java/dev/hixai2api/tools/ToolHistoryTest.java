package dev.hixai2api.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ToolCall;
import org.junit.jupiter.api.Test;

class ToolHistoryTest {

    @Test
    void writesCallsAsBlocksAndResultsWithTheToolsName() {
        List<ChatMessage> text = ToolHistory.asText(List.of(
                new ChatMessage("user", "Weather?"),
                ChatMessage.toolCalls("Checking.", List.of(
                        new ToolCall("toolu_1", "get_weather", "{\"city\":\"Oslo\"}"),
                        new ToolCall("toolu_2", "get_time", "not json"))),
                ChatMessage.toolResult("toolu_1", "cold"),
                ChatMessage.toolResult("toolu_9", "?")));

        assertThat(text.get(0)).isEqualTo(new ChatMessage("user", "Weather?"));
        assertThat(text.get(1).text()).isEqualTo("Checking.\n<tool_call>\n{\"name\":\"get_weather\",\"arguments\":"
                + "{\"city\":\"Oslo\"}}\n</tool_call>\n<tool_call>\n{\"name\":\"get_time\",\"arguments\":\"not json\"}"
                + "\n</tool_call>");
        assertThat(text.get(1).toolCalls()).isEmpty();
        assertThat(text.get(2)).isEqualTo(new ChatMessage("tool", "Tool result (get_weather, toolu_1): cold"));
        assertThat(text.get(3).text()).isEqualTo("Tool result (toolu_9): ?");
    }
}
