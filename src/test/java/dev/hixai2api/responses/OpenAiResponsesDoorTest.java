package dev.hixai2api.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.FrontDoor;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Usage;
import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.persistence.ResponseRepository;
import org.junit.jupiter.api.Test;

class OpenAiResponsesDoorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The table as a map: what the door stores and finds, per tenant. */
    private final Map<String, ResponseRepository.StoredResponse> table = new HashMap<>();
    private final ResponseRepository repository = new ResponseRepository(null) {
        @Override
        public void insert(String id, String tenant, String model, String historyJson, String responseJson) {
            table.put(tenant + "/" + id, new StoredResponse(historyJson, responseJson));
        }

        @Override
        public Optional<StoredResponse> find(String id, String tenant) {
            return Optional.ofNullable(table.get(tenant + "/" + id));
        }
    };
    private final OpenAiResponsesDoor door = new OpenAiResponsesDoor(MAPPER, repository, ModelRegistry.packaged());

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode answer(FrontDoor turn, ChatRequest request, String text) throws Exception {
        return MAPPER.readTree(turn.answer(request, List.of(new AnswerEvent.Text(text),
                new AnswerEvent.End(StopReason.END_TURN, null, new Usage(5, 2)))));
    }

    @Test
    void aStoredResponseIsContinuedWithItsWholeHistoryAndNewInstructionsOnly() throws Exception {
        FrontDoor first = door.turn(() -> "tenant-a");
        ChatRequest one = first.parse(body("{\"model\":\"gpt-4o\",\"instructions\":\"Be brief\",\"input\":\"Hi\"}"));
        assertThat(one.messages()).containsExactly(new ChatMessage("system", "Be brief"), new ChatMessage("user", "Hi"));
        assertThat(one.reasoning()).isEqualTo(ReasoningStyle.BLOCKS);
        String id = answer(first, one, "Hello there").get("id").asText();

        FrontDoor second = door.turn(() -> "tenant-a");
        ChatRequest two = second.parse(body("{\"model\":\"gpt-4o\",\"instructions\":\"Be brief\","
                + "\"previous_response_id\":\"" + id + "\",\"input\":\"And now?\"}"));

        assertThat(two.messages()).containsExactly(new ChatMessage("system", "Be brief"), new ChatMessage("user", "Hi"),
                new ChatMessage("assistant", "Hello there"), new ChatMessage("user", "And now?"));
        JsonNode response = answer(second, two, "Now this.");
        assertThat(response.get("previous_response_id").asText()).isEqualTo(id);
        JsonNode stored = MAPPER.readTree(door.stored(response.get("id").asText(), "tenant-a"));
        assertThat(stored).isEqualTo(response);
    }

    @Test
    void theStreamedResponseIsStoredBeforeItsClosingEventIsRendered() throws Exception {
        FrontDoor turn = door.turn(() -> "tenant-a");
        ChatRequest request = turn.parse(body("{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"stream\":true}"));
        StreamRenderer renderer = turn.streamRenderer(request);
        String id = MAPPER.readTree(new String(renderer.start().get(0), StandardCharsets.UTF_8).split("data: ")[1])
                .at("/response/id").asText();
        renderer.event(new AnswerEvent.Text("Hello"));
        assertThat(table).isEmpty();

        List<byte[]> closing = renderer.event(new AnswerEvent.End(StopReason.END_TURN, null, new Usage(1, 1)));

        assertThat(new String(closing.get(closing.size() - 1), StandardCharsets.UTF_8)).startsWith("event: response.completed");
        assertThat(MAPPER.readTree(door.stored(id, "tenant-a")).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void storeFalseKeepsNothingAndAnotherTenantSeesNothing() throws Exception {
        FrontDoor unstored = door.turn(() -> "tenant-a");
        ChatRequest request = unstored.parse(body("{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"store\":false}"));
        JsonNode response = answer(unstored, request, "Hello");
        assertThat(response.get("store").asBoolean()).isFalse();
        assertThat(table).isEmpty();

        FrontDoor stored = door.turn(() -> "tenant-a");
        String id = answer(stored, stored.parse(body("{\"model\":\"gpt-4o\",\"input\":\"Hi\"}")), "Hello").get("id").asText();

        GatewayException unknown = catchThrowableOfType(() -> door.stored(id, "tenant-b"), GatewayException.class);
        assertThat(unknown.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        GatewayException previous = catchThrowableOfType(() -> door.turn(() -> "tenant-b").parse(
                body("{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"previous_response_id\":\"" + id + "\"}")),
                GatewayException.class);
        assertThat(previous.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(previous.code()).isEqualTo("previous_response_not_found");
        assertThat(previous.param()).isEqualTo("previous_response_id");
    }

    @Test
    void errorsTakeOpenAisShape() throws Exception {
        JsonNode error = MAPPER.readTree(door.error(new GatewayException(ErrorKind.RATE_LIMITED, "rate_limit_exceeded",
                null, "Slow down.")));

        assertThat(error.get("error").get("message").asText()).isEqualTo("Slow down.");
        assertThat(error.get("error").get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("error").has("param")).isTrue();
        assertThat(error.get("error").get("param").isNull()).isTrue();
    }

    @Test
    void callsAreAnsweredStoredAndContinuedWithTheirOutputs() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":"
                + "\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]";
        ToolCall call = new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}");
        FrontDoor first = door.turn(() -> "tenant-a");
        ChatRequest one = first.parse(body("{\"model\":\"gpt-4o\",\"input\":\"Weather in Paris?\"," + tools + "}"));
        assertThat(one.tools().definitions()).extracting(ToolDefinition::name).containsExactly("get_weather");
        JsonNode answered = MAPPER.readTree(first.answer(one, List.of(new AnswerEvent.Text("Checking."),
                new AnswerEvent.ToolUse(0, call), new AnswerEvent.End(StopReason.TOOL_USE, null, new Usage(9, 4)))));
        assertThat(answered.get("output")).extracting(item -> item.get("type").asText())
                .containsExactly("message", "function_call");
        assertThat(answered.at("/output/1/call_id").asText()).isEqualTo("call_a");
        assertThat(answered.at("/output/1/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        String id = answered.get("id").asText();
        assertThat(MAPPER.readTree(door.stored(id, "tenant-a"))).isEqualTo(answered);

        FrontDoor second = door.turn(() -> "tenant-a");
        ChatRequest two = second.parse(body("{\"model\":\"gpt-4o\",\"previous_response_id\":\"" + id + "\","
                + tools + ",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"call_a\","
                + "\"output\":\"18C\"}]}"));

        assertThat(two.messages()).containsExactly(new ChatMessage("user", "Weather in Paris?"),
                ChatMessage.toolCalls("Checking.", List.of(call)), ChatMessage.toolResult("call_a", "18C"));
        assertThat(two.tools().definitions()).hasSize(1);
    }

    @Test
    void aWebSearchToolAsksForHixAisSearchAndTheFormatReachesTheEngine() throws Exception {
        String search = "\"tools\":[{\"type\":\"web_search\"}]";
        FrontDoor turn = door.turn(() -> "tenant-a");
        ChatRequest request = turn.parse(body("{\"model\":\"gpt-4o\",\"input\":\"News?\"," + search
                + ",\"text\":{\"format\":{\"type\":\"json_object\"}}}"));

        assertThat(request.model()).isEqualTo("gpt-4o-search");
        assertThat(request.tools().definitions()).isEmpty();
        assertThat(request.format().type()).isEqualTo(ResponseFormat.Type.JSON_OBJECT);
        JsonNode response = answer(turn, request, "{}");
        assertThat(response.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(response.at("/tools/0/type").asText()).isEqualTo("web_search");
        assertThat(response.at("/text/format/type").asText()).isEqualTo("json_object");
        assertThat(door.turn(() -> "t").parse(body("{\"model\":\"gpt-4o-news\",\"input\":\"x\"," + search + "}"))
                .model()).isEqualTo("gpt-4o-news");
        assertThat(door.turn(() -> "t").parse(body("{\"model\":\"no-such-model\",\"input\":\"x\"," + search + "}"))
                .model()).isEqualTo("no-such-model");
        assertThat(door.turn(() -> "t").parse(body("{\"model\":\"gpt-4o\",\"input\":\"x\"}")).model())
                .isEqualTo("gpt-4o");
    }
}
