package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.TokenCounter;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /v1/responses and GET /v1/responses/{id} as a Responses API client uses them. */
class ResponsesE2ETest extends GatewayTestSupport {

    private static final String MODEL = "gpt-4o-mini";

    private static ObjectNode body(String model, Object input) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.set("input", JSON.valueToTree(input));
        return body;
    }

    private HttpResponse<String> create(ObjectNode body, String authorization) {
        return post("/v1/responses", body.toString(), authorization);
    }

    /** The data of every SSE frame, each checked against its event line. */
    private static List<JsonNode> events(String sse) {
        List<JsonNode> events = new ArrayList<>();
        for (String frame : sse.split("\n\n")) {
            if (frame.isBlank() || frame.startsWith(":")) {
                continue;
            }
            String[] lines = frame.split("\n");
            JsonNode data = json(lines[1].substring("data: ".length()));
            assertThat(lines[0]).isEqualTo("event: " + data.get("type").asText());
            events.add(data);
        }
        return events;
    }

    @Test
    void aPlainAnswerIsOneResponseObjectWithUsage() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hi", " from", " HixAI"));

        HttpResponse<String> response = create(body(MODEL, "Say hi").put("instructions", "Be brief"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode answer = json(response.body());
        assertThat(answer.get("id").asText()).startsWith("resp_");
        assertThat(answer.get("object").asText()).isEqualTo("response");
        assertThat(answer.get("status").asText()).isEqualTo("completed");
        assertThat(answer.get("model").asText()).isEqualTo(MODEL);
        assertThat(answer.get("output")).hasSize(1);
        assertThat(answer.at("/output/0/type").asText()).isEqualTo("message");
        assertThat(answer.at("/output/0/content/0/text").asText()).isEqualTo("Hi from HixAI");
        assertThat(answer.at("/usage/output_tokens").asInt()).isEqualTo(TokenCounter.count("Hi from HixAI"));
        assertThat(answer.at("/usage/total_tokens").asInt())
                .isEqualTo(answer.at("/usage/input_tokens").asInt() + answer.at("/usage/output_tokens").asInt());
        assertThat(SIMULATOR.chatCalls()).singleElement()
                .satisfies(call -> assertThat(call.question()).contains("Be brief").contains("Say hi"));
    }

    @Test
    void aStreamIsTheResponsesEventSequence() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Streamed", " answer"));

        HttpResponse<String> response = create(body(MODEL, "Stream please").put("stream", true), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(response.body()).doesNotContain("[DONE]");
        List<JsonNode> events = events(response.body());
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(events).extracting(e -> e.get("sequence_number").asInt()).isSorted().doesNotHaveDuplicates();
        JsonNode completed = events.get(events.size() - 1).get("response");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("Streamed answer");
        assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(TokenCounter.count("Streamed answer"));
    }

    @Test
    void anInputFileIsUploadedToHixAi() {
        seedCookie("tok-a", 100);
        byte[] pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".getBytes(StandardCharsets.US_ASCII);
        ObjectNode message = JSON.createObjectNode().put("role", "user");
        message.putArray("content").add(JSON.createObjectNode().put("type", "input_text").put("text", "Summarise"))
                .add(JSON.createObjectNode().put("type", "input_file").put("filename", "a.pdf")
                        .put("file_data", "data:application/pdf;base64," + Base64.getEncoder().encodeToString(pdf)));

        HttpResponse<String> response = create(body(MODEL, List.of(message)), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SIMULATOR.uploads().entrySet()).singleElement().satisfies(upload -> {
            assertThat(upload.getValue().bytes()).isEqualTo(pdf);
            assertThat(SIMULATOR.chatCalls().get(0).fileUrl()).isEqualTo(SIMULATOR.baseUrl() + "/upload/" + upload.getKey());
        });
        assertThat(SIMULATOR.chatCalls().get(0).question()).contains("Summarise");
    }

    @Test
    void aStreamHixAiBreaksOffEndsWithResponseFailedAndIsNotStored() {
        seedCookie("tok-a", 100);
        SIMULATOR.failNext(Failure.DROP_MID_STREAM);

        HttpResponse<String> response = create(body(MODEL, "hi").put("stream", true), null);

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = events(response.body());
        assertThat(events).extracting(e -> e.get("type").asText()).contains("response.output_text.delta")
                .doesNotContain("response.completed").last().isEqualTo("response.failed");
        JsonNode failed = events.get(events.size() - 1).get("response");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asText()).isEqualTo("upstream_stream_interrupted");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_response").query(Integer.class).single()).isZero();
    }

    @Test
    void aReasoningModelAnswersWithAReasoningItemFirst() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("42"));

        JsonNode answer = json(create(body("deepseek-r1", "Why?"), null).body());
        List<JsonNode> streamed = events(create(body("deepseek-r1", "Why?").put("stream", true), null).body());

        assertThat(answer.at("/output/0/type").asText()).isEqualTo("reasoning");
        assertThat(answer.at("/output/0/summary/0/text").asText()).isEqualTo("Let me think about it.");
        assertThat(answer.at("/output/1/content/0/text").asText()).isEqualTo("42");
        assertThat(streamed).extracting(e -> e.get("type").asText()).startsWith("response.created",
                "response.in_progress", "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta");
        assertThat(streamed).filteredOn(e -> e.get("type").asText().equals("response.reasoning_summary_text.done"))
                .singleElement().satisfies(e -> assertThat(e.get("text").asText()).isEqualTo("Let me think about it."));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void previousResponseIdSentAtOnceContinuesTheSameHixChatWithOnlyTheNewInput(boolean stream) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("First answer"));

        HttpResponse<String> first = create(body(MODEL, "First question").put("stream", stream), null);
        String id = stream ? events(first.body()).get(0).at("/response/id").asText() : json(first.body()).get("id").asText();
        HttpResponse<String> second = create(body(MODEL, "Second question").put("previous_response_id", id), null);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second.body()).get("previous_response_id").asText()).isEqualTo(id);
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
        assertThat(calls.get(1).question()).isEqualTo("Second question");
    }

    @Test
    void maxOutputTokensCutTheAnswerWhichIsIncompleteAndStillContinues() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("one two", " three four", " five six"));

        JsonNode cut = json(create(body(MODEL, "Count").put("max_output_tokens", 3), null).body());
        HttpResponse<String> next = create(body(MODEL, "Go on").put("previous_response_id", cut.get("id").asText()), null);

        assertThat(cut.get("status").asText()).isEqualTo("incomplete");
        assertThat(cut.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(cut.at("/output/0/status").asText()).isEqualTo("incomplete");
        assertThat(cut.at("/output/0/content/0/text").asText()).isEqualTo("one two three");
        assertThat(cut.at("/usage/output_tokens").asInt()).isEqualTo(3);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
        assertThat(SIMULATOR.chatCalls().get(1).chatId()).isEqualTo(SIMULATOR.chatCalls().get(0).chatId());
        assertThat(SIMULATOR.chatCalls().get(1).question()).isEqualTo("Go on");
    }

    @Test
    void storedResponsesAreReadBackByTheirOwnKeyOnly() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-responses-owner-01");
        seedApiKey("sk-responses-other-02");
        SIMULATOR.answerWith(List.of("Kept"));

        HttpResponse<String> created = create(body(MODEL, "Keep this"), "Bearer sk-responses-owner-01");
        String id = json(created.body()).get("id").asText();
        HttpResponse<String> mine = get("/v1/responses/" + id, "Bearer sk-responses-owner-01");
        HttpResponse<String> theirs = get("/v1/responses/" + id, "Bearer sk-responses-other-02");
        HttpResponse<String> continuedByOther = create(body(MODEL, "Next").put("previous_response_id", id),
                "Bearer sk-responses-other-02");

        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine.body())).isEqualTo(json(created.body()));
        assertNotFound(theirs, id);
        assertThat(continuedByOther.statusCode()).isEqualTo(400);
        assertThat(json(continuedByOther.body()).at("/error/code").asText()).isEqualTo("previous_response_not_found");
        assertThat(json(continuedByOther.body()).at("/error/param").asText()).isEqualTo("previous_response_id");
    }

    @Test
    void storeFalseKeepsNothing() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Forgotten"));

        JsonNode created = json(create(body(MODEL, "Forget this").put("store", false), null).body());
        String id = created.get("id").asText();

        assertThat(created.get("store").asBoolean()).isFalse();
        assertNotFound(get("/v1/responses/" + id, null), id);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_response").query(Integer.class).single()).isZero();
    }

    @Test
    void badRequestsAreRefusedInOpenAisShape() {
        seedCookie("tok-a", 100);
        ObjectNode hostedTool = body(MODEL, "Hi");
        hostedTool.putArray("tools").addObject().put("type", "local_shell");
        ObjectNode badSchema = body(MODEL, "Hi");
        badSchema.putArray("tools").addObject().put("type", "function").put("name", "lookup")
                .putObject("parameters").put("type", "object").put("required", "id");
        ObjectNode badFormat = body(MODEL, "Hi");
        badFormat.putObject("text").putObject("format").put("type", "json_schema").put("name", "x")
                .putObject("schema").put("type", "objekt");

        assertError(create(hostedTool, null), 400, "invalid_request_error", "unsupported_parameter", "tools[0].type");
        assertError(create(badSchema, null), 400, "invalid_request_error", "invalid_request", "tools[0].parameters");
        assertError(create(badFormat, null), 400, "invalid_request_error", "invalid_request", "text.format.schema");
        assertError(create(JSON.createObjectNode().put("model", MODEL), null), 400, "invalid_request_error",
                "invalid_request", "input");
        assertError(create(body("no-such-model", "Hi"), null), 404, "invalid_request_error", "model_not_found", "model");
        assertError(create(body(MODEL, "Hi").put("previous_response_id", "resp_unknown"), null), 400,
                "invalid_request_error", "previous_response_not_found", "previous_response_id");
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    private static void assertNotFound(HttpResponse<String> response, String id) {
        assertError(response, 404, "invalid_request_error", "not_found", null);
        assertThat(json(response.body()).at("/error/message").asText()).contains(id);
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String code, String param) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        if (param == null) {
            assertThat(error.get("param").isNull()).isTrue();
        } else {
            assertThat(error.get("param").asText()).isEqualTo(param);
        }
    }
}
