package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.WebSearchTool;
import dev.hixai2api.simulator.ChatCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool calling and answer formats through POST /v1/responses, as the official OpenAI Java SDK's agent loops and
 * Codex CLI use them: the simulator's models follow the gateway's tool instructions.
 */
class ResponsesToolsE2ETest extends GatewayTestSupport {

    private static final String MODEL = "gpt-4o-mini";
    private static final String QUESTION = "What is the weather in Paris?";
    private static final String RESULT = "18C and sunny";

    private OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey("any").maxRetries(0).build();
    }

    private static FunctionTool weather() {
        return FunctionTool.builder().name("get_weather").description("The weather in a city now").strict(true)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build())
                .build();
    }

    private static ResponseInputItem user(String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content(text).build());
    }

    /** The response a request gets, read from the stream's closing event when streamed. */
    private Response respond(ResponseCreateParams params, boolean stream) {
        if (!stream) {
            return client().responses().create(params);
        }
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> response = client().responses().createStreaming(params)) {
            response.stream().forEach(events::add);
        }
        Response completed = events.get(events.size() - 1).completed().orElseThrow().response();
        List<ResponseFunctionToolCall> streamedCalls = events.stream().flatMap(e -> e.outputItemDone().stream())
                .flatMap(done -> done.item().functionCall().stream()).toList();
        assertThat(streamedCalls).isEqualTo(calls(completed));
        assertThat(events.stream().flatMap(e -> e.functionCallArgumentsDone().stream()).map(d -> d.arguments()))
                .isEqualTo(streamedCalls.stream().map(ResponseFunctionToolCall::arguments).toList());
        return completed;
    }

    private static List<ResponseFunctionToolCall> calls(Response response) {
        return response.output().stream().flatMap(item -> item.functionCall().stream()).toList();
    }

    private static String text(Response response) {
        return response.output().stream().flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream()).flatMap(part -> part.outputText().stream())
                .map(ResponseOutputText::text).reduce("", String::concat);
    }

    /** The output items of a response as the input items a client sends back. */
    private static List<ResponseInputItem> asInput(Response response) {
        List<ResponseInputItem> items = new ArrayList<>();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(message -> items.add(ResponseInputItem.ofResponseOutputMessage(message)));
            item.functionCall().ifPresent(call -> items.add(ResponseInputItem.ofFunctionCall(call)));
        }
        return items;
    }

    private static ResponseInputItem output(ResponseFunctionToolCall call, String result) {
        return ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output(result).build());
    }

    private static void assertOneCallOfTheWeatherInParis(Response response) {
        assertThat(response.status()).hasValue(com.openai.models.responses.ResponseStatus.COMPLETED);
        assertThat(calls(response)).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call.callId()).startsWith("call_");
            assertThat(call.id()).hasValueSatisfying(id -> assertThat(id).startsWith("fc_"));
            assertThat(json(call.arguments()).get("city").asText()).contains("Paris");
        });
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void anAgentLoopSendsTheWholeHistoryBackAndContinuesTheSameHixAiChat(boolean stream) {
        seedCookie("tok-a", 100);
        List<ResponseInputItem> history = new ArrayList<>(List.of(user(QUESTION)));

        Response first = respond(ResponseCreateParams.builder().model(MODEL).addTool(weather()).store(false)
                .inputOfResponse(history).build(), stream);

        assertOneCallOfTheWeatherInParis(first);
        history.addAll(asInput(first));
        history.add(output(calls(first).get(0), RESULT));
        Response second = respond(ResponseCreateParams.builder().model(MODEL).addTool(weather()).store(false)
                .inputOfResponse(history).build(), stream);

        assertThat(calls(second)).isEmpty();
        assertThat(text(second)).contains(RESULT);
        List<ChatCall> chatCalls = SIMULATOR.chatCalls();
        assertThat(chatCalls).hasSize(2);
        assertThat(chatCalls.get(1).chatId()).isEqualTo(chatCalls.get(0).chatId());
        assertThat(chatCalls.get(1).question()).contains(RESULT).doesNotContain("What is the weather");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void previousResponseIdContinuesWithOnlyTheToolOutput(boolean stream) {
        seedCookie("tok-a", 100);
        OpenAIClient client = client();

        Response first = respond(ResponseCreateParams.builder().model(MODEL).addTool(weather())
                .inputOfResponse(List.of(user(QUESTION))).build(), stream);
        assertOneCallOfTheWeatherInParis(first);
        Response second = respond(ResponseCreateParams.builder().model(MODEL).addTool(weather())
                .previousResponseId(first.id()).inputOfResponse(List.of(output(calls(first).get(0), RESULT))).build(),
                stream);

        assertThat(text(second)).contains(RESULT);
        assertThat(second.previousResponseId()).hasValue(first.id());
        Response retrieved = client.responses().retrieve(first.id());
        assertThat(calls(retrieved)).isEqualTo(calls(first));
        assertThat(retrieved.tools()).hasSize(1);
        List<ChatCall> chatCalls = SIMULATOR.chatCalls();
        assertThat(chatCalls).hasSize(2);
        assertThat(chatCalls.get(1).chatId()).isEqualTo(chatCalls.get(0).chatId());
    }

    @Test
    void aJsonSchemaFormatIsAnsweredWithJsonThatMeetsIt() {
        seedCookie("tok-a", 100);
        ResponseFormatTextJsonSchemaConfig format = ResponseFormatTextJsonSchemaConfig.builder().name("city")
                .strict(true).schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "name", Map.of("type", "string"), "population", Map.of("type", "integer"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("name", "population"))).build())
                .build();

        Response response = client().responses().create(ResponseCreateParams.builder().model(MODEL)
                .input("The largest city of France?").text(ResponseTextConfig.builder().format(format).build())
                .build());

        JsonNode answer = json(text(response));
        assertThat(answer.get("name").isTextual()).isTrue();
        assertThat(answer.get("population").isIntegralNumber()).isTrue();
        assertThat(response.text()).hasValueSatisfying(text -> assertThat(text.format())
                .hasValueSatisfying(f -> assertThat(f.jsonSchema()).hasValueSatisfying(
                        schema -> assertThat(schema.name()).isEqualTo("city"))));
    }

    @Test
    void aWebSearchToolIsHixAisInternetSearch() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Found it."));

        Response response = client().responses().create(ResponseCreateParams.builder().model(MODEL).input("News?")
                .addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH_PREVIEW).build()).build());

        assertThat(text(response)).isEqualTo("Found it.");
        assertThat(response.model().toString()).contains(MODEL).doesNotContain("-search");
        assertThat(SIMULATOR.chatCalls()).singleElement().satisfies(call -> {
            assertThat(call.search()).isTrue();
            assertThat(call.searchType()).isEqualTo("internet");
        });
    }

    /** Codex CLI's request: store false, a function shell tool, a freeform apply_patch tool and web search. */
    @Test
    void codexCliToolsStreamACustomToolCallWithTheRawPatch() {
        seedCookie("tok-a", 100);
        ObjectNode body = JSON.createObjectNode().put("model", MODEL).put("stream", true).put("store", false)
                .put("instructions", "You are a coding agent.").put("parallel_tool_calls", false)
                .put("tool_choice", "auto");
        body.putArray("include");
        body.putArray("input").addObject().put("type", "message").put("role", "user").putArray("content")
                .addObject().put("type", "input_text").put("text", "Use apply_patch to add a README.");
        ObjectNode shell = body.putArray("tools").addObject().put("type", "function").put("name", "shell")
                .put("description", "Runs a shell command").put("strict", false);
        ObjectNode parameters = shell.putObject("parameters").put("type", "object");
        parameters.putObject("properties").putObject("command").put("type", "array").putObject("items")
                .put("type", "string");
        parameters.putArray("required").add("command");
        parameters.put("additionalProperties", false);
        body.withArray("tools").addObject().put("type", "custom").put("name", "apply_patch")
                .put("description", "Edit files with a patch").putObject("format").put("type", "grammar")
                .put("syntax", "lark").put("definition", "start: \"*** Begin Patch\" LF \"*** End Patch\"");
        body.withArray("tools").addObject().put("type", "web_search").put("external_web_access", false);

        HttpResponse<String> response = post("/v1/responses", body.toString(), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (String frame : response.body().split("\n\n")) {
            if (frame.startsWith("event: ")) {
                events.add(json(frame.split("\n")[1].substring("data: ".length())));
            }
        }
        assertThat(events).extracting(e -> e.get("type").asText()).contains("response.custom_tool_call_input.delta",
                "response.custom_tool_call_input.done").doesNotContain("response.function_call_arguments.delta")
                .last().isEqualTo("response.completed");
        JsonNode output = events.get(events.size() - 1).at("/response/output");
        JsonNode call = output.get(output.size() - 1);
        assertThat(call.get("type").asText()).isEqualTo("custom_tool_call");
        assertThat(call.get("name").asText()).isEqualTo("apply_patch");
        assertThat(call.get("id").asText()).startsWith("ctc_");
        assertThat(call.get("call_id").asText()).startsWith("call_");
        assertThat(call.get("input").isTextual()).isTrue();
        assertThat(SIMULATOR.chatCalls()).singleElement().satisfies(chat -> {
            assertThat(chat.search()).isTrue();
            assertThat(chat.question()).contains("apply_patch").contains("*** Begin Patch");
        });
    }
}
