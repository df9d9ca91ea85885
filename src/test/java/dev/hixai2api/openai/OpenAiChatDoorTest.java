package dev.hixai2api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.config.TestGatewayProperties;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.Usage;
import org.junit.jupiter.api.Test;

/** The chat completion door's request settings and its rendering of thinking shown apart. */
class OpenAiChatDoorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<AnswerEvent> THOUGHT_AND_ANSWER = List.of(new AnswerEvent.Thinking("Let me"),
            new AnswerEvent.Thinking(" think."), new AnswerEvent.Text("Answer"),
            new AnswerEvent.End(StopReason.STOP_SEQUENCE, "END", new Usage(4, 3)));

    private static OpenAiChatDoor door(Map<String, ?> settings) {
        return new OpenAiChatDoor(new ChatCompletionRequestParser(JSON), JSON, TestGatewayProperties.of(settings));
    }

    private static ChatRequest parse(OpenAiChatDoor door, String fields) {
        return door.parse(("{\"model\":\"deepseek-r1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + fields
                + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSettingGivesTheReasoningStyleAndTheRequestMayOverrideIt() {
        assertThat(parse(door(Map.of()), "").reasoning()).isEqualTo(ReasoningStyle.THINK_TAGS);
        assertThat(parse(door(Map.of("reasoning-hide", "1")), "").reasoning()).isEqualTo(ReasoningStyle.HIDDEN);
        assertThat(parse(door(Map.of("reasoning-format", "reasoning_content")), "").reasoning())
                .isEqualTo(ReasoningStyle.BLOCKS);
        assertThat(parse(door(Map.of("reasoning-format", "reasoning_content")), ",\"reasoning_format\":\"think\"")
                .reasoning()).isEqualTo(ReasoningStyle.THINK_TAGS);
        assertThat(parse(door(Map.of("reasoning-hide", "1")), ",\"reasoning_format\":\"reasoning_content\"")
                .reasoning()).isEqualTo(ReasoningStyle.BLOCKS);
    }

    @Test
    void limitsAndTheResponseFormatReachTheEngine() {
        ChatRequest request = parse(door(Map.of()), ",\"stop\":[\"END\"],\"max_completion_tokens\":12,"
                + "\"response_format\":{\"type\":\"json_object\"}");

        assertThat(request.limits()).isEqualTo(new Limits(12, List.of("END")));
        assertThat(request.format().type()).isEqualTo(ResponseFormat.Type.JSON_OBJECT);
    }

    @Test
    void aWholeAnswerShowsThinkingAsReasoningContent() throws Exception {
        OpenAiChatDoor door = door(Map.of("reasoning-format", "reasoning_content"));

        JsonNode completion = JSON.readTree(door.answer(parse(door, ""), THOUGHT_AND_ANSWER));

        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("Answer");
        assertThat(completion.at("/choices/0/message/reasoning_content").asText()).isEqualTo("Let me think.");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void anAnswerWithoutThinkingHasNoReasoningContent() throws Exception {
        OpenAiChatDoor door = door(Map.of("reasoning-format", "reasoning_content"));

        JsonNode completion = JSON.readTree(door.answer(parse(door, ""), List.of(new AnswerEvent.Text("Hi"),
                new AnswerEvent.End(StopReason.MAX_TOKENS, null, new Usage(1, 1)))));

        assertThat(completion.at("/choices/0/message").has("reasoning_content")).isFalse();
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void aStreamShowsThinkingAsDeltaReasoningContentBeforeTheContent() throws Exception {
        OpenAiChatDoor door = door(Map.of());
        StreamRenderer renderer = door.streamRenderer(parse(door, ",\"stream\":true,\"reasoning_format\":"
                + "\"reasoning_content\""));

        List<JsonNode> deltas = new ArrayList<>();
        for (AnswerEvent event : THOUGHT_AND_ANSWER) {
            for (byte[] frame : renderer.event(event)) {
                String data = new String(frame, StandardCharsets.UTF_8).substring(6).trim();
                if (data.startsWith("{")) {
                    deltas.add(JSON.readTree(data).at("/choices/0/delta"));
                }
            }
        }

        assertThat(deltas).containsExactly(JSON.readTree("{\"reasoning_content\":\"Let me\"}"),
                JSON.readTree("{\"reasoning_content\":\" think.\"}"), JSON.readTree("{\"content\":\"Answer\"}"),
                JSON.readTree("{}"));
    }
}
