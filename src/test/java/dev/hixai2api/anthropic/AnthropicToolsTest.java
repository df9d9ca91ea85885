package dev.hixai2api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import dev.hixai2api.core.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tools through the Anthropic door: tools and tool_choice, tool_use and tool_result blocks, the answer's calls. */
class AnthropicToolsTest {

    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]";
    private static final String WEATHER = "{\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}}";
    private static final String TIME = "{\"type\":\"custom\",\"name\":\"get_time\","
            + "\"input_schema\":{\"type\":\"object\"},\"cache_control\":{\"type\":\"ephemeral\"}}";
    /** A call of the answer before, then its result: the history of an agent loop's second request. */
    private static final String CALLED = "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Let me look.\"},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_A\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_B\",\"name\":\"get_time\",\"input\":{}}]}";

    private static final ToolCall PARIS = new ToolCall("call_abcdefghijklmnopqrstuvwx", "get_weather",
            "{\"city\":\"Paris\"}");
    private static final ToolCall NOW = new ToolCall("call_ABCDEFGHIJKLMNOPQRSTUVWX", "get_time", "{}");

    private final ObjectMapper mapper = new ObjectMapper();
    private final AnthropicMessagesDoor door = new AnthropicMessagesDoor(mapper);

    private ChatRequest parse(String json) {
        return door.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String request(String extra, String messages) {
        return "{\"model\":\"gpt-4o\",\"max_tokens\":100" + extra + ",\"messages\":[" + messages + "]}";
    }

    private static String withTools(String choice) {
        String toolChoice = choice == null ? "" : ",\"tool_choice\":" + choice;
        return request(",\"tools\":[" + WEATHER + "," + TIME + "]" + toolChoice,
                "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}");
    }

    @Test
    void toolsAndToolChoiceBecomeTheCanonicalTools() throws Exception {
        ToolDefinition weather = new ToolDefinition("get_weather", "Current weather",
                mapper.readTree(WEATHER).get("input_schema"));
        ToolDefinition time = new ToolDefinition("get_time", "", mapper.readTree("{\"type\":\"object\"}"));

        assertThat(parse(withTools(null)).tools()).isEqualTo(new Tools(List.of(weather, time), ToolChoice.AUTO, true));
        assertThat(parse(withTools("{\"type\":\"any\"}")).tools().choice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(parse(withTools("{\"type\":\"none\"}")).tools().callable()).isFalse();
        assertThat(parse(withTools("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}")).tools())
                .isEqualTo(new Tools(List.of(weather, time), ToolChoice.AUTO, false));
        assertThat(parse(withTools("{\"type\":\"tool\",\"name\":\"get_time\",\"disable_parallel_tool_use\":false}"))
                .tools()).isEqualTo(new Tools(List.of(weather, time), ToolChoice.named("get_time"), true));
        assertThat(parse(request("", "{\"role\":\"user\",\"content\":\"Hi\"}")).tools()).isEqualTo(Tools.NONE);
        assertThat(parse(request(",\"tools\":[]", "{\"role\":\"user\",\"content\":\"Hi\"}")).tools())
                .isEqualTo(Tools.NONE);
    }

    @Test
    void aClaudeCodeToolWithADraft07SchemaAndExamplesIsTaken() {
        ChatRequest request = parse(request(",\"tools\":[{\"name\":\"Bash\",\"description\":\"Runs a command\","
                + "\"strict\":true,\"eager_input_streaming\":true,\"input_examples\":[{\"command\":\"ls\"}],"
                + "\"input_schema\":{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                + "\"properties\":{\"command\":{\"type\":\"string\"},\"timeout\":{\"type\":\"number\"}},"
                + "\"required\":[\"command\"],\"additionalProperties\":false}}]",
                "{\"role\":\"user\",\"content\":\"List files\"}"));

        ToolDefinition bash = request.tools().definitions().get(0);
        assertThat(bash.name()).isEqualTo("Bash");
        assertThat(bash.description()).isEqualTo("Runs a command\nExample input: {\"command\":\"ls\"}");
        assertThat(bash.parameters().at("/required/0").asText()).isEqualTo("command");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"tools\":{}                                                             | tools",
            "\"tools\":[5]                                                            | tools.0",
            "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]    | tools.0.type",
            "\"tools\":[WEATHER,{\"type\":\"bash_20250124\",\"name\":\"bash\"}]        | tools.1.type",
            "\"tools\":[{\"type\":\"text_editor_20250728\",\"name\":\"str_replace_based_edit_tool\"}] | tools.0.type",
            "\"tools\":[{\"type\":\"computer_20250124\",\"name\":\"computer\",\"display_width_px\":1024}] | tools.0.type",
            "\"tools\":[{\"input_schema\":{\"type\":\"object\"}}]                      | tools.0.name",
            "\"tools\":[{\"name\":\"get weather\",\"input_schema\":{\"type\":\"object\"}}] | tools.0.name",
            "\"tools\":[{\"name\":\"f\"}]                                             | tools.0.input_schema",
            "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"string\"}}]        | tools.0.input_schema",
            "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":12}}}}] | tools.0.input_schema",
            "\"tools\":[{\"name\":\"f\",\"description\":5,\"input_schema\":{\"type\":\"object\"}}] | tools.0.description",
            "\"tools\":[WEATHER,WEATHER]                                              | tools.1.name",
            "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"},\"parameters\":{}}] | tools.0.parameters",
            "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"},\"defer_loading\":true}] | tools.0.defer_loading",
            "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"},\"allowed_callers\":[\"code_execution_20250825\"]}] | tools.0.allowed_callers",
            "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"},\"input_examples\":[1]}] | tools.0.input_examples.0",
            "\"tools\":[WEATHER],\"tool_choice\":\"auto\"                             | tool_choice",
            "\"tools\":[WEATHER],\"tool_choice\":{\"type\":\"required\"}              | tool_choice.type",
            "\"tools\":[WEATHER],\"tool_choice\":{\"type\":\"tool\"}                  | tool_choice.name",
            "\"tools\":[WEATHER],\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_time\"} | tool_choice.name",
            "\"tools\":[WEATHER],\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":\"yes\"} | tool_choice.disable_parallel_tool_use",
            "\"tools\":[WEATHER],\"tool_choice\":{\"type\":\"none\",\"disable_parallel_tool_use\":true} | tool_choice.disable_parallel_tool_use",
            "\"tools\":[WEATHER],\"tool_choice\":{\"type\":\"auto\",\"function\":{}}  | tool_choice.function",
            "\"tool_choice\":{\"type\":\"any\"}                                       | tool_choice.type",
    })
    void badToolsAreRefusedNamingTheField(String extra, String param) {
        refused(request("," + extra.replace("WEATHER", WEATHER), "{\"role\":\"user\",\"content\":\"Hi\"}"), param);
    }

    @Test
    void toolUseBlocksBecomeTheAssistantsCallsAndToolResultsFollowInOrder() {
        ChatRequest request = parse(request(",\"tools\":[" + WEATHER + "," + TIME + "]", CALLED
                + ",{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_A\","
                + "\"content\":\"18 C, sunny\"},{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_B\","
                + "\"is_error\":true,"
                + "\"content\":[{\"type\":\"text\",\"text\":\"clock\"},{\"type\":\"text\",\"text\":\"unavailable\"}]},"
                + "{\"type\":\"text\",\"text\":\"Answer briefly.\"}]}"));

        assertThat(request.messages()).containsExactly(
                new ChatMessage("user", "Weather in Paris?"),
                ChatMessage.toolCalls("Let me look.", List.of(
                        new ToolCall("toolu_A", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("toolu_B", "get_time", "{}"))),
                ChatMessage.toolResult("toolu_A", "18 C, sunny"),
                ChatMessage.toolResult("toolu_B", "Error: clock\nunavailable"),
                new ChatMessage("user", "Answer briefly."));
    }

    @Test
    void aResultAloneNeedsNoUserTextAndItsImageGoesWithTheTurn() {
        ChatRequest alone = parse(request("", CALLED + ",{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"toolu_A\"}]}"));
        ChatRequest withImage = parse(request("", CALLED + ",{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"toolu_B\",\"content\":[{\"type\":\"text\",\"text\":\"shot\"},{\"type\":\"image\","
                + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}]}"));

        assertThat(alone.messages()).last().isEqualTo(ChatMessage.toolResult("toolu_A", ""));
        assertThat(withImage.messages().subList(2, 4)).containsExactly(ChatMessage.toolResult("toolu_B", "shot"),
                new ChatMessage("user", "", List.of(new Attachment("data:image/png;base64,iVBORw0KGgo=", null))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}]} | messages.0.content.0.type",
            "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"1\"}]} | messages.0.content.0.tool_use_id",
            "CALLED,{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_A\"}]} | messages.2.content.0.type",
            "CALLED,{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_Z\"}]} | messages.2.content.0.tool_use_id",
            "CALLED,{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\"}]}       | messages.2.content.0.tool_use_id",
            "CALLED,{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_A\",\"content\":5}]} | messages.2.content.0.content",
            "CALLED,{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_A\",\"content\":[{\"type\":\"tool_reference\"}]}]} | messages.2.content.0.content.0.type",
            "CALLED,{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_A\",\"is_error\":\"no\"}]} | messages.2.content.0.is_error",
            "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":\"{}\"}]} | messages.1.content.0.input",
            "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"f\",\"input\":{}}]} | messages.1.content.0.id",
            "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\":{}}]} | messages.1.content.0.type",
    })
    void badToolBlocksAreRefusedNamingTheField(String messages, String param) {
        GatewayException error = refused(request("", messages.replace("CALLED", CALLED)), param);
        assertThat(error.getMessage()).doesNotContain("issue 14");
    }

    @Test
    void countTokensReadsTheToolsToo() {
        ChatRequest request = door.parseCountTokens(("{\"model\":\"m\",\"tools\":[" + WEATHER + "],"
                + "\"tool_choice\":{\"type\":\"any\"}," + HELLO + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(request.tools().definitions()).extracting(ToolDefinition::name).containsExactly("get_weather");
        assertThat(request.tools().choice()).isEqualTo(ToolChoice.REQUIRED);
        GatewayException error = catchThrowableOfType(() -> door.parseCountTokens(("{\"model\":\"m\",\"tools\":"
                + "[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]," + HELLO + "}")
                .getBytes(StandardCharsets.UTF_8)), GatewayException.class);
        assertThat(error.param()).isEqualTo("tools.0.type");
    }

    @Test
    void anAnswerWithCallsHasToolUseBlocksAfterItsTextAndStopsForTools() throws Exception {
        ChatRequest request = parse(withTools(null));
        JsonNode answer = mapper.readTree(door.answer(request, List.of(new AnswerEvent.Text("Let me look."),
                new AnswerEvent.ToolUse(0, PARIS), new AnswerEvent.ToolUse(1, NOW),
                new AnswerEvent.End(StopReason.TOOL_USE, null, new Usage(40, 20)))));
        JsonNode callsOnly = mapper.readTree(door.answer(request, List.of(new AnswerEvent.ToolUse(0, NOW),
                new AnswerEvent.End(StopReason.TOOL_USE, null, new Usage(40, 8)))));

        assertThat(answer.get("content")).hasSize(3);
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("Let me look.");
        assertThat(answer.at("/content/1")).isEqualTo(mapper.readTree("{\"type\":\"tool_use\","
                + "\"id\":\"toolu_abcdefghijklmnopqrstuvwx\",\"name\":\"get_weather\","
                + "\"input\":{\"city\":\"Paris\"}}"));
        assertThat(answer.at("/content/2/id").asText()).isEqualTo("toolu_ABCDEFGHIJKLMNOPQRSTUVWX");
        assertThat(answer.at("/content/2/input")).isEqualTo(mapper.createObjectNode());
        assertThat(answer.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(callsOnly.get("content")).singleElement().satisfies(b -> assertThat(b.get("type").asText())
                .isEqualTo("tool_use"));
    }

    @Test
    void aStreamedCallIsABlockWithEmptyInputThenItsWholeJsonThenStop() throws Exception {
        List<JsonNode> events = stream(parse(withTools(null)), new AnswerEvent.Text("Let me look."),
                new AnswerEvent.ToolUse(0, PARIS), new AnswerEvent.ToolUse(1, NOW),
                new AnswerEvent.End(StopReason.TOOL_USE, null, new Usage(40, 20)));

        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(5)).isEqualTo(mapper.readTree("{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_abcdefghijklmnopqrstuvwx\","
                + "\"name\":\"get_weather\",\"input\":{}}}"));
        assertThat(events.get(6)).isEqualTo(mapper.readTree("{\"type\":\"content_block_delta\",\"index\":1,"
                + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}"));
        assertThat(events.get(7).get("index").asInt()).isEqualTo(1);
        assertThat(events.get(8).get("index").asInt()).isEqualTo(2);
        assertThat(events.get(8).at("/content_block/name").asText()).isEqualTo("get_time");
        assertThat(events.get(11).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void aStreamThatOnlyCallsHasNoTextBlock() throws Exception {
        List<JsonNode> events = stream(parse(withTools(null)), new AnswerEvent.ToolUse(0, NOW),
                new AnswerEvent.End(StopReason.TOOL_USE, null, new Usage(40, 8)));

        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(2).get("index").asInt()).isZero();
        assertThat(events.get(2).at("/content_block/type").asText()).isEqualTo("tool_use");
    }

    @Test
    void aRefusedToolTakesAnthropicsErrorShape() throws Exception {
        GatewayException error = refused(withTools("{\"type\":\"tool\",\"name\":\"nope\"}"), "tool_choice.name");
        JsonNode body = mapper.readTree(door.error(error));

        assertThat(error.kind().status()).isEqualTo(400);
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).startsWith("tool_choice.name: ").contains("nope");
    }

    private GatewayException refused(String json, String param) {
        GatewayException error = catchThrowableOfType(() -> parse(json), GatewayException.class);
        assertThat(error).as("refusal of %s", json).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).as(error.getMessage()).isEqualTo(param);
        assertThat(error.getMessage()).startsWith(param + ": ");
        return error;
    }

    private List<JsonNode> stream(ChatRequest request, AnswerEvent... answer) throws Exception {
        StreamRenderer renderer = door.streamRenderer(request);
        List<byte[]> frames = new ArrayList<>(renderer.start());
        for (AnswerEvent event : answer) {
            frames.addAll(renderer.event(event));
        }
        List<JsonNode> events = new ArrayList<>();
        for (byte[] frame : frames) {
            String text = new String(frame, StandardCharsets.UTF_8);
            assertThat(text).matches("(?s)event: [a-z_]+\ndata: \\{[^\n]*\\}\n\n");
            JsonNode data = mapper.readTree(text.substring(text.indexOf("data: ") + 6));
            assertThat(text).startsWith("event: " + data.get("type").asText() + "\n");
            events.add(data);
        }
        return events;
    }
}
