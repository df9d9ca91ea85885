package dev.hixai2api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.Usage;
import org.junit.jupiter.api.Test;

class ResponsesStreamRendererTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<ObjectNode> finished = new ArrayList<>();
    private final List<ChatMessage> turns = new ArrayList<>();

    private ResponsesStreamRenderer renderer(Integer maxOutputTokens) {
        return renderer(maxOutputTokens, "\"input\":\"Hi\"");
    }

    /** A renderer for the request of these body fields (model gpt-4o, instructions and previous response set). */
    private ResponsesStreamRenderer renderer(Integer maxOutputTokens, String fields) {
        String body = "{\"model\":\"gpt-4o\",\"instructions\":\"Be brief\",\"previous_response_id\":\"resp_prev\","
                + "\"stream\":true," + fields + "}";
        ResponsesRequest parsed = new ResponsesRequestParser(MAPPER).parse(body.getBytes(StandardCharsets.UTF_8));
        ResponsesRequest request = new ResponsesRequest(parsed.model(), parsed.instructions(), List.of(), true,
                new Limits(maxOutputTokens, List.of()), true, parsed.previousResponseId(), parsed.tools(),
                parsed.format(), parsed.echo());
        return new ResponsesStreamRenderer(ResponseShape.of(MAPPER, request), (response, turn) -> {
            finished.add(response);
            turns.add(turn);
        });
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

    @Test
    void callsAfterTheTextAreFunctionCallItemsAfterTheMessage() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":"
                + "\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}],\"tool_choice\":\"required\","
                + "\"parallel_tool_calls\":true,\"text\":{\"format\":{\"type\":\"text\"}}";
        ToolCall paris = new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}");
        ToolCall rome = new ToolCall("call_b", "get_weather", "{\"city\":\"Rome\"}");
        List<JsonNode> events = render(renderer(null, "\"input\":\"Hi\"," + tools), new AnswerEvent.Text("Checking."),
                new AnswerEvent.ToolUse(0, paris), new AnswerEvent.ToolUse(1, rome),
                new AnswerEvent.End(StopReason.TOOL_USE, null, new Usage(9, 4)));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        assertThat(events).extracting(e -> e.get("sequence_number").asInt())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        JsonNode added = events.get(8);
        assertThat(added.get("output_index").asInt()).isEqualTo(1);
        assertThat(added.at("/item/type").asText()).isEqualTo("function_call");
        assertThat(added.at("/item/status").asText()).isEqualTo("in_progress");
        assertThat(added.at("/item/arguments").asText()).isEmpty();
        String itemId = added.at("/item/id").asText();
        assertThat(itemId).startsWith("fc_");
        assertThat(events.subList(9, 11)).allSatisfy(e -> {
            assertThat(e.get("item_id").asText()).isEqualTo(itemId);
            assertThat(e.get("output_index").asInt()).isEqualTo(1);
        });
        assertThat(events.get(11).get("output_index").asInt()).isEqualTo(1);
        assertThat(events.get(9).get("delta").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(events.get(10).get("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(events.get(11).get("item")).isEqualTo(MAPPER.readTree("{\"id\":\"" + itemId + "\",\"type\":"
                + "\"function_call\",\"status\":\"completed\",\"call_id\":\"call_a\",\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}"));
        assertThat(events.get(15).get("output_index").asInt()).isEqualTo(2);
        JsonNode response = events.get(16).get("response");
        assertThat(response.get("status").asText()).isEqualTo("completed");
        assertThat(response.get("output")).extracting(item -> item.get("type").asText())
                .containsExactly("message", "function_call", "function_call");
        assertThat(response.at("/output/2/call_id").asText()).isEqualTo("call_b");
        assertThat(response.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(response.get("tool_choice").asText()).isEqualTo("required");
        assertThat(response.get("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(response.at("/text/format/type").asText()).isEqualTo("text");
        assertThat(turns).containsExactly(ChatMessage.toolCalls("Checking.", List.of(paris, rome)));
    }

    @Test
    void aCustomToolCallCarriesItsRawInputAndCallsAloneHaveNoMessage() throws Exception {
        ToolCall patch = new ToolCall("call_c", "apply_patch", "{\"input\":\"*** Begin Patch\\n*** End Patch\"}");
        List<JsonNode> events = render(renderer(null, "\"input\":\"Hi\",\"tools\":[{\"type\":\"custom\","
                + "\"name\":\"apply_patch\"}]"), new AnswerEvent.Thinking("Patch it."),
                new AnswerEvent.ToolUse(0, patch), new AnswerEvent.End(StopReason.TOOL_USE, null, new Usage(9, 4)));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.custom_tool_call_input.delta",
                "response.custom_tool_call_input.done", "response.output_item.done", "response.completed");
        JsonNode item = events.get(11).get("item");
        assertThat(events.get(11).get("output_index").asInt()).isEqualTo(1);
        assertThat(item.get("type").asText()).isEqualTo("custom_tool_call");
        assertThat(item.get("id").asText()).startsWith("ctc_");
        assertThat(item.get("call_id").asText()).isEqualTo("call_c");
        assertThat(item.get("input").asText()).isEqualTo("*** Begin Patch\n*** End Patch");
        assertThat(item.has("arguments")).isFalse();
        assertThat(events.get(9).get("delta").asText()).isEqualTo("*** Begin Patch\n*** End Patch");
        assertThat(events.get(10).get("input").asText()).isEqualTo("*** Begin Patch\n*** End Patch");
        assertThat(events.get(12).at("/response/output")).extracting(i -> i.get("type").asText())
                .containsExactly("reasoning", "custom_tool_call");
        assertThat(turns).containsExactly(ChatMessage.toolCalls("", List.of(patch)));
    }
}
