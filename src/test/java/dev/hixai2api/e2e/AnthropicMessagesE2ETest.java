package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.pool.HixCookie;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Failure;
import dev.hixai2api.simulator.ModelBehaviour;
import dev.hixai2api.core.TokenCounter;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code /v1/messages} and its count_tokens as Anthropic's clients call them, over real HTTP. */
class AnthropicMessagesE2ETest extends GatewayTestSupport {

    private static final String KEY = "sk-anthropic-e2e-0001";

    /** Image and document URLs are served by the simulator, on loopback. */
    @DynamicPropertySource
    static void allowTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("hixai2api.attachment-allowed-hosts", () -> "127.0.0.1:" + SIMULATOR.port());
    }

    private static String message(String model, boolean stream, String extra, String messages) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":1024,\"stream\":" + stream + extra
                + ",\"messages\":" + messages + "}";
    }

    private static String hello(String model, boolean stream, String extra) {
        return message(model, stream, extra, "[{\"role\":\"user\",\"content\":\"Hi\"}]");
    }

    /** A server-sent event stream as (event name, data) pairs; every event's data names its own type. */
    private static List<Event> events(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        for (String frame : response.body().split("\n\n")) {
            if (frame.isBlank() || frame.startsWith(":")) {
                continue;  // the keep-alive comment
            }
            String[] lines = frame.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            Event event = new Event(lines[0].substring(7), json(lines[1].substring(6)));
            assertThat(event.data().get("type").asText()).isEqualTo(event.name());
            events.add(event);
        }
        return events;
    }

    private record Event(String name, JsonNode data) {
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    private static String deltas(List<Event> events, String type, String field) {
        return events.stream().filter(e -> e.name().equals("content_block_delta"))
                .filter(e -> e.data().at("/delta/type").asText().equals(type))
                .map(e -> e.data().at("/delta/" + field).asText()).collect(Collectors.joining());
    }

    @Test
    void aPlainMessageAnswersInAnthropicsShapeWithUsage() {
        seedCookie("tok-a", 100);
        seedApiKey(KEY);
        SIMULATOR.answerWith(List.of("Hello", " there"));

        HttpResponse<String> response = anthropic("/v1/messages", hello("gpt-4o-mini", false, ""), KEY, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode message = json(response.body());
        assertThat(message.get("id").asText()).matches("msg_[A-Za-z0-9]{24}");
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(message.get("content")).hasSize(1);
        assertThat(message.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Hello there");
        assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(TokenCounter.count("Hi"));
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(TokenCounter.count("Hello there"));
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::question).containsExactly("Hi");
    }

    @Test
    void aStreamedMessageFollowsAnthropicsEventSequence() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));

        List<Event> events = events(anthropic("/v1/messages", hello("gpt-4o-mini", true, ""), null, null));

        List<String> names = names(events);
        assertThat(names.subList(0, 3)).containsExactly("message_start", "ping", "content_block_start");
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(names.subList(3, names.size() - 3)).isNotEmpty().containsOnly("content_block_delta");
        assertThat(events.get(0).data().at("/message/model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(events.get(2).data().at("/content_block/type").asText()).isEqualTo("text");
        assertThat(deltas(events, "text_delta", "text")).isEqualTo("Hello there");
        JsonNode delta = events.get(events.size() - 2).data();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/usage/input_tokens").asInt()).isEqualTo(TokenCounter.count("Hi"));
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(TokenCounter.count("Hello there"));
    }

    @Test
    void aReasoningModelAnswersWithAThinkingBlockBeforeTheTextBlock() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Answer"));

        JsonNode message = json(anthropic("/v1/messages", hello("deepseek-r1", false, ""), null, null).body());
        List<Event> events = events(anthropic("/v1/messages", hello("deepseek-r1", true, ""), null, null));

        assertThat(message.get("content")).hasSize(2);
        assertThat(message.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(message.at("/content/0/thinking").asText()).isNotBlank().doesNotContain("<think>");
        assertThat(message.at("/content/1/type").asText()).isEqualTo("text");
        assertThat(message.at("/content/1/text").asText()).isEqualTo("Answer");
        List<Event> starts = events.stream().filter(e -> e.name().equals("content_block_start")).toList();
        assertThat(starts).extracting(e -> e.data().get("index").asInt()).containsExactly(0, 1);
        assertThat(starts).extracting(e -> e.data().at("/content_block/type").asText()).containsExactly("thinking", "text");
        assertThat(deltas(events, "thinking_delta", "thinking")).isEqualTo(message.at("/content/0/thinking").asText());
        assertThat(deltas(events, "text_delta", "text")).isEqualTo("Answer");
    }

    @Test
    void imagesAndDocumentsByBase64AndUrlAreUploadedToHixAi() {
        seedCookie("tok-a", 100);
        SIMULATOR.serveFile("/files/cat.png", AttachmentE2ETest.SAMPLES.get("png"), "image/png");
        SIMULATOR.serveFile("/files/report.pdf", AttachmentE2ETest.SAMPLES.get("pdf"), "application/pdf");
        String base64Png = Base64.getEncoder().encodeToString(AttachmentE2ETest.SAMPLES.get("png"));
        String base64Pdf = Base64.getEncoder().encodeToString(AttachmentE2ETest.SAMPLES.get("pdf"));
        List<String> blocks = List.of(
                "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + base64Png + "\"}}",
                "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"" + SIMULATOR.baseUrl() + "/files/cat.png\"}}",
                "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"" + base64Pdf + "\"}}",
                "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"" + SIMULATOR.baseUrl() + "/files/report.pdf\"}}",
                "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"Ship on Friday.\"}}");
        List<String> kinds = List.of("png", "png", "pdf", "pdf", "txt");

        for (String block : blocks) {
            HttpResponse<String> response = anthropic("/v1/messages", message("gpt-4o-mini", false, "",
                    "[{\"role\":\"user\",\"content\":[" + block + ",{\"type\":\"text\",\"text\":\"What is this?\"}]}]"), null, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        assertThat(SIMULATOR.uploads()).hasSize(blocks.size());
        assertThat(SIMULATOR.chatCalls()).hasSize(blocks.size()).allSatisfy(call -> {
            assertThat(call.question()).isEqualTo("What is this?");
            assertThat(call.fileUrl()).startsWith(SIMULATOR.baseUrl() + "/upload/");
        });
        assertThat(SIMULATOR.chatCalls()).extracting(call -> call.fileUrl().substring(call.fileUrl().lastIndexOf('.') + 1))
                .containsExactlyElementsOf(kinds);
        assertThat(SIMULATOR.uploads().values()).anySatisfy(upload ->
                assertThat(new String(upload.bytes(), StandardCharsets.UTF_8)).isEqualTo("Ship on Friday."));
    }

    @Test
    void maxTokensAndStopSequencesCutTheAnswerAndSaySo() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("one two three four five six seven eight nine ten"));
        JsonNode cut = json(anthropic("/v1/messages", message("gpt-4o-mini", false, "",
                "[{\"role\":\"user\",\"content\":\"Count\"}]").replace("1024", "3"), null, null).body());
        SIMULATOR.answerWith(List.of("one two ", "ST", "OP three"));
        List<Event> stopped = events(anthropic("/v1/messages", hello("gpt-4o-mini", true, ",\"stop_sequences\":[\"STOP\"]"), null, null));

        assertThat(cut.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(cut.at("/usage/output_tokens").asInt()).isEqualTo(3);
        assertThat(TokenCounter.count(cut.at("/content/0/text").asText())).isEqualTo(3);
        assertThat(deltas(stopped, "text_delta", "text")).isEqualTo("one two ");
        JsonNode delta = stopped.get(stopped.size() - 2).data();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(delta.at("/delta/stop_sequence").asText()).isEqualTo("STOP");
    }

    @Test
    void theNextTurnSentAtOnceContinuesTheSameHixAiChat() {
        seedCookie("tok-a", 100);
        seedApiKey(KEY);
        SIMULATOR.answerWith(List.of("Hello Ada."));
        JsonNode first = json(anthropic("/v1/messages", message("gpt-4o-mini", false, ",\"system\":\"Be brief.\"",
                "[{\"role\":\"user\",\"content\":\"My name is Ada.\"}]"), KEY, null).body());

        // as a client does: the history with the answer's content blocks as they came, the next question at once
        HttpResponse<String> second = anthropic("/v1/messages", message("gpt-4o-mini", false, ",\"system\":\"Be brief.\"",
                "[{\"role\":\"user\",\"content\":\"My name is Ada.\"},{\"role\":\"assistant\",\"content\":"
                        + first.get("content") + "},{\"role\":\"user\",\"content\":\"What is my name?\"}]"), KEY, null);

        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
        assertThat(SIMULATOR.chatCalls().get(1).chatId()).isEqualTo(SIMULATOR.chatCalls().get(0).chatId());
        assertThat(SIMULATOR.chatCalls().get(1).question()).isEqualTo("What is my name?");
    }

    @Test
    void failuresOfTheChatAreInAnthropicsShape() {
        seedCookie("tok-a", 100);
        assertAnthropicError(anthropic("/v1/messages", hello("claude-nonexistent", false, ""), null, null), 404, "not_found_error");
        HttpResponse<String> noMaxTokens = anthropic("/v1/messages",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null, null);
        assertAnthropicError(noMaxTokens, 400, "invalid_request_error");
        assertThat(json(noMaxTokens.body()).at("/error/message").asText()).isEqualTo("max_tokens: Field required");

        SIMULATOR.failAlways(Failure.SERVER_ERROR);
        HttpResponse<String> upstream = anthropic("/v1/messages", hello("gpt-4o-mini", false, ""), null, null);
        assertThat(upstream.statusCode()).isIn(502, 503);
        assertAnthropicError(upstream, upstream.statusCode(), upstream.statusCode() == 502 ? "api_error" : "overloaded_error");
    }

    @Test
    void aFailedAttemptMovesToAnotherCookieBeforeTheStreamStarts() {
        long a = seedCookie("tok-a", 100);
        long b = seedCookie("tok-b", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));
        SIMULATOR.failNext(Failure.SERVER_ERROR);

        List<Event> events = events(anthropic("/v1/messages", hello("gpt-4o-mini", true, ""), null, null));

        assertThat(names(events)).doesNotContain("error").endsWith("message_delta", "message_stop");
        assertThat(deltas(events, "text_delta", "text")).isEqualTo("Hello there");
        List<String> failed = Stream.of(a, b).map(id -> cookies.findById(id).orElseThrow())
                .filter(cookie -> cookie.lastError() != null).map(HixCookie::token).toList();
        assertThat(failed).hasSize(1);
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::token).hasSize(1).doesNotContainAnyElementsOf(failed);
    }

    @Test
    void aStreamBrokenAfterItsFirstContentEndsWithAnErrorEvent() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));
        SIMULATOR.failNext(Failure.DROP_MID_STREAM);

        List<Event> events = events(anthropic("/v1/messages", hello("gpt-4o-mini", true, ""), null, null));

        assertThat(names(events)).startsWith("message_start", "ping", "content_block_start", "content_block_delta")
                .endsWith("error").doesNotContain("message_stop");
        assertThat(events.get(events.size() - 1).data().at("/error/type").asText()).isEqualTo("api_error");
    }

    private static final String TOOLS = ",\"tools\":[{\"name\":\"get_weather\","
            + "\"description\":\"The weather of a city\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}},{\"name\":\"get_time\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"zone\":{\"type\":\"string\"}},\"required\":[\"zone\"]}}]";

    @Test
    void aStreamedCallOfTheNamedToolIsAToolUseBlockWithItsInputAsOneDelta() {
        seedCookie("tok-a", 100);

        List<Event> events = events(anthropic("/v1/messages", message("gpt-4o-mini", true, TOOLS
                        + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_time\"}",
                "[{\"role\":\"user\",\"content\":\"What time is it in Tokyo?\"}]"), null, null));

        List<Event> starts = events.stream().filter(e -> e.name().equals("content_block_start")).toList();
        assertThat(starts).extracting(e -> e.data().at("/content_block/type").asText())
                .containsExactly("text", "tool_use");
        JsonNode toolUse = starts.get(1).data();
        assertThat(toolUse.get("index").asInt()).isEqualTo(1);
        assertThat(toolUse.at("/content_block/id").asText()).matches("toolu_[A-Za-z0-9]{24}");
        assertThat(toolUse.at("/content_block/name").asText()).isEqualTo("get_time");
        assertThat(toolUse.at("/content_block/input")).isEmpty();
        List<Event> inputs = events.stream().filter(e -> e.data().at("/delta/type").asText().equals("input_json_delta"))
                .toList();
        assertThat(inputs).singleElement().satisfies(e -> {
            assertThat(e.data().get("index").asInt()).isEqualTo(1);
            assertThat(json(e.data().at("/delta/partial_json").asText()).path("zone").asText()).isEqualTo("Tokyo");
        });
        assertThat(deltas(events, "text_delta", "text")).doesNotContain("<tool_call>").doesNotContain("get_time\"");
        assertThat(names(events).subList(events.size() - 4, events.size())).containsExactly("content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(events.size() - 2).data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    }

    private static final String PERSON = "{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\","
            + "\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}},"
            + "\"required\":[\"name\",\"age\"]}}";

    @Test
    void anOutputFormatAnswersTheJsonThatMeetsItsSchema() {
        seedCookie("tok-a", 100);
        String messages = "[{\"role\":\"user\",\"content\":\"Ada is 36\"}]";

        JsonNode plain = json(anthropic("/v1/messages", message("gpt-4o-mini", false, ",\"output_format\":" + PERSON,
                messages), null, null).body());
        List<Event> streamed = events(anthropic("/v1/messages", message("gpt-4o-mini", true,
                ",\"output_config\":{\"format\":" + PERSON + ",\"effort\":\"low\"}", messages), null, null));

        assertThat(json(plain.at("/content/0/text").asText())).isEqualTo(json("{\"name\":\"Ada\",\"age\":36}"));
        assertThat(plain.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(json(deltas(streamed, "text_delta", "text"))).isEqualTo(json("{\"name\":\"Ada\",\"age\":36}"));
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::question)
                .allSatisfy(q -> assertThat(q).contains("<schema>", "\"required\":[\"name\",\"age\"]"));
    }

    @Test
    void anOutputFormatStillMissedAfterTheCorrectiveTurnIsAnApiError() {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.INVALID_ALWAYS);

        HttpResponse<String> response = anthropic("/v1/messages", message("gpt-4o-mini", false,
                ",\"output_format\":" + PERSON, "[{\"role\":\"user\",\"content\":\"Ada is 36\"}]"), null, null);

        assertAnthropicError(response, 502, "api_error");
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
    }

    @Test
    void countTokensCountsTheToolsAsTheQuestionStatesThem() {
        seedCookie("tok-a", 100);
        String messages = "[{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"}]";

        int withTools = countTokens("{\"model\":\"gpt-4o-mini\"" + TOOLS + ",\"messages\":" + messages + "}");
        int without = countTokens("{\"model\":\"gpt-4o-mini\",\"messages\":" + messages + "}");
        JsonNode answer = json(anthropic("/v1/messages", message("gpt-4o-mini", false, TOOLS, messages), null, null)
                .body());

        assertThat(withTools).isGreaterThan(without);
        assertThat(withTools).isEqualTo(TokenCounter.count(SIMULATOR.chatCalls().get(0).question()))
                .isEqualTo(answer.at("/usage/input_tokens").asInt());
    }

    private int countTokens(String body) {
        HttpResponse<String> response = anthropic("/v1/messages/count_tokens", body, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("input_tokens").asInt();
    }

    /** A POST with Anthropic's headers: the key as x-api-key (when given) and anthropic-version. */
    private HttpResponse<String> anthropic(String path, String body, String apiKey, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return call(request.build());
    }

    private static HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertAnthropicError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertThat(body.has("code")).isFalse();
    }

    @Test
    void countTokensCountsTheQuestionTheRequestWouldSend() {
        seedApiKey(KEY);
        HttpResponse<String> lone = anthropic("/v1/messages/count_tokens",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, how are you?\"}]}",
                KEY, null);
        HttpResponse<String> folded = anthropic("/v1/messages/count_tokens",
                "{\"model\":\"gpt-4o-mini\",\"system\":[{\"type\":\"text\",\"text\":\"Be brief\"}],\"messages\":["
                        + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello!\"}]},"
                        + "{\"role\":\"user\",\"content\":\"How are you?\"}]}", null, "Bearer " + KEY);

        assertThat(lone.statusCode()).as(lone.body()).isEqualTo(200);
        assertThat(json(lone.body()).get("input_tokens").asInt()).isEqualTo(TokenCounter.count("Hello there, how are you?"));
        assertThat(folded.statusCode()).as(folded.body()).isEqualTo(200);
        assertThat(json(folded.body()).get("input_tokens").asInt()).isEqualTo(
                TokenCounter.count("System: Be brief\n\nUser: Hi\n\nAssistant: Hello!\n\nUser: How are you?"));
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void theKeyMayComeAsXApiKeyOrBearerAndIsRefusedInAnthropicsShape() {
        seedApiKey(KEY);
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        assertThat(anthropic("/v1/messages/count_tokens", body, KEY, null).statusCode()).isEqualTo(200);
        assertThat(anthropic("/v1/messages/count_tokens", body, null, "Bearer " + KEY).statusCode()).isEqualTo(200);
        assertAnthropicError(anthropic("/v1/messages/count_tokens", body, null, null), 401, "authentication_error");
        HttpResponse<String> wrong = anthropic("/v1/messages", body, "sk-wrong-key-0000", null);
        assertAnthropicError(wrong, 401, "authentication_error");
        assertThat(wrong.body()).doesNotContain("sk-wrong-key-0000");
    }

    @Test
    void badRequestsAreRefusedInAnthropicsShapeNamingTheField() {
        HttpResponse<String> noModel = anthropic("/v1/messages/count_tokens",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null, null);
        assertAnthropicError(noModel, 400, "invalid_request_error");
        assertThat(json(noModel.body()).at("/error/message").asText()).startsWith("model:");

        HttpResponse<String> unknownModel = anthropic("/v1/messages/count_tokens",
                "{\"model\":\"claude-nonexistent\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null, null);
        assertAnthropicError(unknownModel, 404, "not_found_error");

        HttpResponse<String> toolResult = anthropic("/v1/messages/count_tokens", "{\"model\":\"gpt-4o-mini\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"1\"}]}]}", null, null);
        assertAnthropicError(toolResult, 400, "invalid_request_error");
        assertThat(json(toolResult.body()).at("/error/message").asText())
                .startsWith("messages.0.content.0.tool_use_id:");
        HttpResponse<String> serverTool = anthropic("/v1/messages", hello("gpt-4o-mini", false,
                ",\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]"), null, null);
        assertAnthropicError(serverTool, 400, "invalid_request_error");
        assertThat(json(serverTool.body()).at("/error/message").asText()).startsWith("tools.0.type:");
        HttpResponse<String> mcp = anthropic("/v1/messages", hello("gpt-4o-mini", false,
                ",\"mcp_servers\":[{\"type\":\"url\",\"url\":\"http://127.0.0.1:9/mcp\",\"name\":\"m\"}]"), null, null);
        assertAnthropicError(mcp, 400, "invalid_request_error");
        assertThat(json(mcp.body()).at("/error/message").asText()).startsWith("mcp_servers:");
        HttpResponse<String> textFormat = anthropic("/v1/messages", hello("gpt-4o-mini", false,
                ",\"output_format\":{\"type\":\"text\"}"), null, null);
        assertAnthropicError(textFormat, 400, "invalid_request_error");
        assertThat(json(textFormat.body()).at("/error/message").asText()).startsWith("output_format.type:");
        HttpResponse<String> badSchema = anthropic("/v1/messages", hello("gpt-4o-mini", false,
                ",\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\","
                        + "\"required\":3}}}"), null, null);
        assertAnthropicError(badSchema, 400, "invalid_request_error");
        assertThat(json(badSchema.body()).at("/error/message").asText()).startsWith("output_config.format.schema:");
        assertThat(SIMULATOR.chatCalls()).as("HixAI is never asked").isEmpty();

        assertAnthropicError(anthropic("/v1/messages/count_tokens", "{\"model\":", null, null), 400, "invalid_request_error");
    }

    @Test
    void errorsInFrontOfTheRoutesTakeAnthropicsShapeToo() {
        assertAnthropicError(anthropic("/v1/messages/nothing-here", "{}", null, null), 404, "not_found_error");
        HttpResponse<String> wrongMethod = call(HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                .header("anthropic-version", "2023-06-01").GET().build());
        assertAnthropicError(wrongMethod, 405, "invalid_request_error");
        // the body cap (MAX_BODY_SIZE, 32 MB as Anthropic's) is the gate's, before any route
        HttpResponse<String> tooLarge = call(HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[33 * 1024 * 1024])).build());
        assertAnthropicError(tooLarge, 413, "request_too_large");
    }
}
