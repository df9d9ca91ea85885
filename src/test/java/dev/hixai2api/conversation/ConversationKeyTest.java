package dev.hixai2api.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.tools.ToolHistory;
import org.junit.jupiter.api.Test;

class ConversationKeyTest {

    private static final ChatMessage ASK = new ChatMessage("user", "Weather in Oslo?");

    @Test
    void callsCountByNameAndArgumentsNotByIdsKeyOrderOrSpacing() {
        String recorded = ConversationKey.withAnswer("t", List.of(ASK), ChatMessage.toolCalls("Checking.",
                List.of(new ToolCall("call_abc", "get_weather", "{\"city\":\"Oslo\",\"days\":2}"))));

        List<ChatMessage> next = List.of(ASK, ChatMessage.toolCalls("Checking.",
                        List.of(new ToolCall("toolu_abc", "get_weather", "{ \"days\": 2, \"city\": \"Oslo\" }"))),
                ChatMessage.toolResult("toolu_abc", "cold"));
        List<ChatMessage> otherArguments = List.of(ASK, ChatMessage.toolCalls("Checking.",
                List.of(new ToolCall("call_abc", "get_weather", "{\"city\":\"Bergen\",\"days\":2}"))));

        assertThat(ConversationKey.ofHistory("t", next)).hasValue(recorded);
        assertThat(ConversationKey.ofHistory("t", otherArguments)).isNotEqualTo(ConversationKey.ofHistory("t", next));
        assertThat(ConversationKey.withAnswer("t", List.of(ASK), new ChatMessage("assistant", "Checking.")))
                .isNotEqualTo(recorded);
    }

    @Test
    void toolResultsAfterTheLastAnswerAreTheNewTurn() {
        List<ChatMessage> messages = List.of(ASK, ChatMessage.toolCalls("", List.of(
                        new ToolCall("c1", "get_weather", "{}"), new ToolCall("c2", "get_time", "{}"))),
                ChatMessage.toolResult("c1", "cold"), ChatMessage.toolResult("c2", "noon"));

        assertThat(ConversationKey.newTurn(ToolHistory.asText(messages)))
                .isEqualTo("Tool result (get_weather, c1): cold\n\nTool result (get_time, c2): noon");
        assertThat(ConversationKey.newTurn(List.of(ASK, new ChatMessage("assistant", "Hi"),
                new ChatMessage("system", "New rules")))).isNull();
    }

    @Test
    void toolResultsCountByTheirOutput() {
        List<ChatMessage> one = List.of(ASK, ChatMessage.toolCalls("", List.of(new ToolCall("c1", "f", "{}"))),
                ChatMessage.toolResult("c1", "cold"), new ChatMessage("assistant", "It is cold."));
        List<ChatMessage> sameOutputOtherIds = List.of(ASK, ChatMessage.toolCalls("",
                        List.of(new ToolCall("x9", "f", "{}"))), ChatMessage.toolResult("x9", "cold"),
                new ChatMessage("assistant", "It is cold."));
        List<ChatMessage> otherOutput = List.of(ASK, ChatMessage.toolCalls("", List.of(new ToolCall("c1", "f", "{}"))),
                ChatMessage.toolResult("c1", "warm"), new ChatMessage("assistant", "It is cold."));

        assertThat(ConversationKey.ofHistory("t", sameOutputOtherIds)).isEqualTo(ConversationKey.ofHistory("t", one));
        assertThat(ConversationKey.ofHistory("t", otherOutput)).isNotEqualTo(ConversationKey.ofHistory("t", one));
    }
}
