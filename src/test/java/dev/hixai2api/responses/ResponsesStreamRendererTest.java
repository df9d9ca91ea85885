package dev.hixai2api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.Usage;
import org.junit.jupiter.api.Test;

class ResponsesStreamRendererTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<ObjectNode> finished = new ArrayList<>();

    private ResponsesStreamRenderer renderer(Integer maxOutputTokens) {
        ResponsesRequest request = new ResponsesRequest("gpt-4o", "Be brief", List.of(), true,
                new Limits(maxOutputTokens, List.of()), true, "resp_prev");
        return new ResponsesStreamRenderer(ResponseShape.of(MAPPER, request), (response, text) -> finished.add(response));
    }

    /** Every frame as its parsed data, after checking that its event line names the data's type. */
    private static List<JsonNode> render(ResponsesStreamRenderer renderer, AnswerEvent... events) throws Exception {
        List<byte[]> frames = new ArrayList<>(renderer.start());
        for (AnswerEvent event : events) {
            frames.addAll(renderer.event(event));
        }
        List<JsonNode> data = new ArrayList<>();
        for (byte[] frame : frames) {
            String text = new String(frame, StandardCharsets.UTF_8);
            assertThat(text).startsWith("event: ").endsWith("\n\n");
            String[] lines = text.strip().split("\n");
            assertThat(lines).hasSize(2);
            JsonNode node = MAPPER.readTree(lines[1].substring("data: ".length()));
            assertThat(lines[0]).isEqualTo("event: " + node.get("type").asText());
            data.add(node);
        }
        return data;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    @Test
    void plainAnswerStreamsTheDocumentedSequence() throws Exception {
        List<JsonNode> events = render(renderer(null), new AnswerEvent.Text("Hel"), new AnswerEvent.Text("lo"),
                new AnswerEvent.End(StopReason.END_TURN, null, new Usage(7, 2)));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(events).extracting(e -> e.get("sequence_number").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(events.get(0).at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(events.get(0).at("/response/output")).isEmpty();
        String messageId = events.get(2).at("/item/id").asText();
        assertThat(messageId).startsWith("msg_");
        assertThat(events.get(4).get("item_id").asText()).isEqualTo(messageId);
        assertThat(events.get(4).get("output_index").asInt()).isZero();
        assertThat(events.get(6).get("text").asText()).isEqualTo("Hello");
        assertThat(events.get(8).at("/item/status").asText()).isEqualTo("completed");
        JsonNode response = events.get(9).get("response");
        assertThat(response.get("id").asText()).startsWith("resp_").isEqualTo(events.get(0).at("/response/id").asText());
        assertThat(response.get("status").asText()).isEqualTo("completed");
        assertThat(response.get("previous_response_id").asText()).isEqualTo("resp_prev");
        assertThat(response.get("instructions").asText()).isEqualTo("Be brief");
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("Hello");
        assertThat(response.at("/usage/input_tokens").asInt()).isEqualTo(7);
        assertThat(response.at("/usage/output_tokens").asInt()).isEqualTo(2);
        assertThat(response.at("/usage/total_tokens").asInt()).isEqualTo(9);
        assertThat(finished).singleElement().hasToString(response.toString());
    }

    @Test
    void reasoningComesAsASummarisedReasoningItemBeforeTheMessage() throws Exception {
        List<JsonNode> events = render(renderer(null), new AnswerEvent.Thinking("Let me "),
                new AnswerEvent.Thinking("think."), new AnswerEvent.Text("42"),
                new AnswerEvent.End(StopReason.END_TURN, null, new Usage(3, 1)));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        assertThat(events.get(2).at("/item/type").asText()).isEqualTo("reasoning");
        String reasoningId = events.get(2).at("/item/id").asText();
        assertThat(events.get(4).get("item_id").asText()).isEqualTo(reasoningId);
        assertThat(events.get(4).get("summary_index").asInt()).isZero();
        assertThat(events.get(6).get("text").asText()).isEqualTo("Let me think.");
        assertThat(events.get(8).get("output_index").asInt()).isZero();
        assertThat(events.get(8).at("/item/summary/0/text").asText()).isEqualTo("Let me think.");
        assertThat(events.get(9).get("output_index").asInt()).isEqualTo(1);
        assertThat(events.get(11).get("output_index").asInt()).isEqualTo(1);
        assertThat(events.get(14).get("output_index").asInt()).isEqualTo(1);
        JsonNode output = events.get(15).at("/response/output");
        assertThat(output).hasSize(2);
        assertThat(output.at("/0/type").asText()).isEqualTo("reasoning");
        assertThat(output.at("/1/content/0/text").asText()).isEqualTo("42");
    }

    @Test
    void answerCutAtMaxOutputTokensEndsIncomplete() throws Exception {
        List<JsonNode> events = render(renderer(5), new AnswerEvent.Text("one two three four five"),
                new AnswerEvent.End(StopReason.MAX_TOKENS, null, new Usage(3, 5)));

        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("response.incomplete");
        assertThat(last.at("/response/status").asText()).isEqualTo("incomplete");
        assertThat(last.at("/response/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(last.at("/response/max_output_tokens").asInt()).isEqualTo(5);
        assertThat(last.at("/response/output/0/status").asText()).isEqualTo("incomplete");
    }

    @Test
    void upstreamBreakEndsWithResponseFailed() throws Exception {
        List<JsonNode> events = render(renderer(null), new AnswerEvent.Text("Half"), new AnswerEvent.Broken(
                new GatewayException(ErrorKind.UPSTREAM, "upstream_failed", null, "HixAI broke off.")));

        JsonNode last = events.get(events.size() - 1);
        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.failed");
        assertThat(last.at("/response/status").asText()).isEqualTo("failed");
        assertThat(last.at("/response/error/code").asText()).isEqualTo("upstream_failed");
        assertThat(last.at("/response/error/message").asText()).isEqualTo("HixAI broke off.");
        assertThat(finished).isEmpty();
    }
}
