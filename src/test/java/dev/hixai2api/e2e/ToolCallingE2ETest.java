package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.TokenCounter;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.ModelBehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tool calling through the OpenAI chat door over plain HTTP: choices, parallel calls, corrective turns, errors. */
class ToolCallingE2ETest extends GatewayTestSupport {

    private static final String WEATHER = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"The weather of a city\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}";
    private static final String TIME = "{\"type\":\"function\",\"function\":{\"name\":\"get_time\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}},"
            + "\"required\":[\"zone\"]}}}";

    @Test
    void parallelCallsComeAsOneToolCallEachAndUsageCountsThem() {
        seedCookie("tok-a", 100);

        JsonNode answer = completion(body("What is the weather in Paris and Berlin?", WEATHER, ""));

        JsonNode choice = answer.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("I'll use get_weather.");
        JsonNode calls = choice.path("message").path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.path("type").asText()).isEqualTo("function");
            assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        });
        assertThat(calls.get(0).path("function").path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(calls.get(1).path("function").path("arguments").asText()).isEqualTo("{\"city\":\"Berlin\"}");
        String raw = "I'll use get_weather." + block("get_weather", "{\"city\":\"Paris\"}")
                + block("get_weather", "{\"city\":\"Berlin\"}");
        assertThat(answer.path("usage").path("completion_tokens").asInt()).isEqualTo(TokenCounter.count(raw));
    }

    @Test
    void withoutParallelToolCallsTheModelIsAskedForOneCall() {
        seedCookie("tok-a", 100);

        JsonNode answer = completion(body("What is the weather in Paris and Berlin?", WEATHER,
                ",\"parallel_tool_calls\":false"));

        assertThat(answer.path("choices").get(0).path("message").path("tool_calls")).hasSize(1);
        assertThat(SIMULATOR.chatCalls().get(0).question()).contains("Call at most one tool per answer");
    }

    @Test
    void toolChoiceNoneAsksForTextAndListsNoTools() {
        seedCookie("tok-a", 100);

        JsonNode answer = completion(body("What is the weather in Paris?", WEATHER, ",\"tool_choice\":\"none\""));

        JsonNode choice = answer.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(SIMULATOR.chatCalls().get(0).question()).contains("Do not call any tool in this answer")
                .doesNotContain("<tools>");
    }

    @Test
    void aNamedToolChoiceIsCalled() {
        seedCookie("tok-a", 100);

        JsonNode answer = completion(body("What is the weather in Paris?", WEATHER + "," + TIME,
                ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}"));

        JsonNode call = answer.path("choices").get(0).path("message").path("tool_calls").get(0);
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_time");
        assertThat(SIMULATOR.chatCalls().get(0).question()).contains("you must call the tool \"get_time\"");
    }

    @Test
    void aRequiredCallTheModelMissedGetsOneCorrectiveTurnInTheSameChat() {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.NO_CALL_ONCE);

        JsonNode answer = completion(body("What is the weather in Paris?", WEATHER, ",\"tool_choice\":\"required\""));

        assertThat(answer.path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
        assertThat(calls.get(1).question()).startsWith("Your last answer could not be used as tool calls")
                .contains("must call at least one");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void invalidArgumentsGetOneCorrectiveTurnThenTheValidCallCounts(boolean stream) {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.INVALID_ONCE);

        List<JsonNode> calls = toolCalls(body("What is the weather in Oslo?", WEATHER, ""), stream);

        assertThat(calls).singleElement().satisfies(call ->
                assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}"));
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
        assertThat(SIMULATOR.chatCalls().get(1).question()).contains("arguments of \"get_weather\"", "city");
    }

    @Test
    void brokenJsonGetsACorrectiveTurnToo() {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.BROKEN_JSON_ONCE);

        List<JsonNode> calls = toolCalls(body("What is the weather in Oslo?", WEATHER, ""), false);

        assertThat(calls).hasSize(1);
        assertThat(SIMULATOR.chatCalls().get(1).question()).contains("not valid JSON");
    }

    @Test
    void aCallInAFenceWithArgumentsAsAStringIsRead() {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.FENCED);

        JsonNode answer = completion(body("What is the weather in Rome?", WEATHER, ""));

        JsonNode message = answer.path("choices").get(0).path("message");
        assertThat(message.path("content").asText()).isEqualTo("I'll use get_weather.");
        assertThat(message.path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"city\":\"Rome\"}");
        assertThat(SIMULATOR.chatCalls()).hasSize(1);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void callsStillInvalidAfterTheCorrectiveTurnComeAsText(boolean stream) {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.INVALID_ALWAYS);

        String body = body("What is the weather in Oslo?", WEATHER, "");
        String content;
        if (stream) {
            HttpResponse<String> response = post("/v1/chat/completions", streamed(body), null);
            assertThat(response.body()).doesNotContain("\"tool_calls\"").contains("\"finish_reason\":\"stop\"");
            content = streamedContent(response.body());
        } else {
            JsonNode choice = completion(body).path("choices").get(0);
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            content = choice.path("message").path("content").asText();
        }

        assertThat(content).isEqualTo("I'll use get_weather.\n\nI'll use get_weather."
                + block("get_weather", "{\"unexpected\":true}"));
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
    }

    @Test
    void aStreamedCallIsOneDeltaPerCallAfterTheText() {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/chat/completions",
                streamed(body("What is the weather in Paris and Berlin?", WEATHER, "")), null);

        List<JsonNode> chunks = chunks(response.body());
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode chunk : chunks) {
            chunk.path("choices").path(0).path("delta").path("tool_calls").forEach(call -> {
                indexes.add(call.path("index").asInt());
                assertThat(call.path("id").asText()).startsWith("call_");
                assertThat(call.path("function").path("arguments").asText()).startsWith("{\"city\":");
            });
        }
        assertThat(indexes).containsExactly(0, 1);
        assertThat(streamedContent(response.body())).isEqualTo("I'll use get_weather.");
        assertThat(response.body()).doesNotContain("tool_call>").contains("\"finish_reason\":\"tool_calls\"")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void aContinuedChatGetsTheToolListAgainOnlyWhenTheToolsChanged() {
        seedCookie("tok-a", 100);
        ObjectNode first = (ObjectNode) json(body("What is the weather in Paris?", WEATHER, ""));
        JsonNode message = completion(first.toString()).path("choices").get(0).path("message");
        String callId = message.path("tool_calls").get(0).path("id").asText();
        ArrayNode messages = (ArrayNode) first.path("messages");
        messages.add(message);
        messages.addObject().put("role", "tool").put("tool_call_id", callId).put("content", "sunny");

        completion(first.toString());
        first.withArray("tools").add(json(TIME));
        messages.add(JSON.createObjectNode().put("role", "assistant").put("content",
                "Based on the tool results: sunny."));
        messages.addObject().put("role", "user").put("content", "And the time in Paris?");
        completion(first.toString());

        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).extracting(ChatCall::chatId).containsOnly(calls.get(0).chatId());
        assertThat(calls.get(1).question()).doesNotContain("<tools>").contains("still available");
        assertThat(calls.get(2).question()).contains("<tools>", "\"name\":\"get_time\"")
                .endsWith("And the time in Paris?");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void resultsSentTheInstantTheCallWasReadContinueTheChatEveryTime(boolean stream) {
        seedCookie("tok-a", 100_000);
        for (int loop = 0; loop < 10; loop++) {
            ObjectNode request = (ObjectNode) json(body("What is the weather in Lima" + loop + "?", WEATHER, ""));
            request.put("stream", stream);
            HttpResponse<String> called = post("/v1/chat/completions", request.toString(), null);
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            message.put("content", stream ? streamedContent(called.body())
                    : json(called.body()).path("choices").get(0).path("message").path("content").asText());
            List<JsonNode> calls = new ArrayList<>();
            if (stream) {
                chunks(called.body()).forEach(chunk -> chunk.path("choices").path(0).path("delta")
                        .path("tool_calls").forEach(call -> calls.add(((ObjectNode) call).without("index"))));
            } else {
                json(called.body()).path("choices").get(0).path("message").path("tool_calls").forEach(calls::add);
            }
            message.putArray("tool_calls").addAll(calls);
            ArrayNode messages = (ArrayNode) request.path("messages");
            messages.add(message);
            messages.addObject().put("role", "tool").put("tool_call_id", calls.get(0).path("id").asText())
                    .put("content", "warm " + loop);

            post("/v1/chat/completions", request.toString(), null);

            List<ChatCall> chatCalls = SIMULATOR.chatCalls();
            assertThat(chatCalls).hasSize(2 * (loop + 1));
            assertThat(chatCalls.get(2 * loop + 1).chatId()).as("loop %d", loop)
                    .isEqualTo(chatCalls.get(2 * loop).chatId());
            assertThat(chatCalls.get(2 * loop + 1).question()).endsWith("): warm " + loop);
        }
    }

    @Test
    void badToolParametersAreRefusedNamingTheField() {
        seedCookie("tok-a", 100);

        assertRefused(body("x", "{\"type\":\"web_search\"}", ""), "tools[0].type");
        assertRefused(body("x", WEATHER, ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}"),
                "tool_choice.function.name");
        assertRefused(body("x", "{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
                + "{\"type\":\"nonsense\"}}}", ""), "tools[0].function.parameters");
        assertRefused(body("x", WEATHER, ",\"functions\":[]"), "functions");
        assertRefused("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                + "{\"role\":\"tool\",\"content\":\"y\"}]}", "messages[1].tool_call_id");
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    private void assertRefused(String body, String param) {
        HttpResponse<String> response = post("/v1/chat/completions", body, null);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response.body()).path("error").path("param").asText()).isEqualTo(param);
    }

    private List<JsonNode> toolCalls(String body, boolean stream) {
        if (!stream) {
            List<JsonNode> calls = new ArrayList<>();
            completion(body).path("choices").get(0).path("message").path("tool_calls").forEach(calls::add);
            return calls;
        }
        HttpResponse<String> response = post("/v1/chat/completions", streamed(body), null);
        List<JsonNode> calls = new ArrayList<>();
        chunks(response.body()).forEach(chunk -> chunk.path("choices").path(0).path("delta").path("tool_calls")
                .forEach(calls::add));
        return calls;
    }

    private JsonNode completion(String body) {
        HttpResponse<String> response = post("/v1/chat/completions", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    static String body(String userText, String tools, String extra) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}],"
                + "\"tools\":[" + tools + "]" + extra + "}";
    }

    private static String streamed(String body) {
        return body.replaceFirst("^\\{", "{\"stream\":true,");
    }

    static List<JsonNode> chunks(String sse) {
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                chunks.add(json(line.substring("data: ".length())));
            }
        }
        return chunks;
    }

    private static String streamedContent(String sse) {
        StringBuilder content = new StringBuilder();
        chunks(sse).forEach(chunk -> content.append(chunk.path("choices").path(0).path("delta").path("content")
                .asText("")));
        return content.toString();
    }

    /** A call as the simulated model writes it. */
    private static String block(String name, String arguments) {
        return "\n<tool_call>\n{\"name\": \"" + name + "\", \"arguments\": " + arguments + "}\n</tool_call>";
    }
}
