package dev.hixai2api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicMessagesDoorTest {

    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]";

    private final ObjectMapper mapper = new ObjectMapper();
    private final AnthropicMessagesDoor door = new AnthropicMessagesDoor(mapper);

    private ChatRequest parse(String json) {
        return door.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private GatewayException refused(String json, String param) {
        GatewayException error = catchThrowableOfType(() -> parse(json), GatewayException.class);
        assertThat(error).as("refusal of %s", json).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).startsWith(param == null ? "" : param + ":");
        return error;
    }

    private JsonNode json(byte[] bytes) throws Exception {
        return mapper.readTree(bytes);
    }

    @Test
    void plainRequestBecomesTheCanonicalOne() {
        ChatRequest request = parse("{\"model\":\"gpt-4o\",\"max_tokens\":1024," + HELLO + "}");
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.messages()).containsExactly(new ChatMessage("user", "Hello"));
        assertThat(request.stream()).isFalse();
        assertThat(request.limits()).isEqualTo(new Limits(1024, List.of()));
        assertThat(request.reasoning()).isEqualTo(ReasoningStyle.BLOCKS);
    }

    @Test
    void systemAsStringOrBlocksLeadsAsASystemMessage() {
        ChatRequest asString = parse("{\"model\":\"m\",\"max_tokens\":5,\"system\":\"Be brief\"," + HELLO + "}");
        ChatRequest asBlocks = parse("{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"text\",\"text\":\"Be\"},"
                + "{\"type\":\"text\",\"text\":\"brief\",\"cache_control\":{\"type\":\"ephemeral\"}}]," + HELLO + "}");
        assertThat(asString.messages()).containsExactly(new ChatMessage("system", "Be brief"), new ChatMessage("user", "Hello"));
        assertThat(asBlocks.messages()).containsExactly(new ChatMessage("system", "Be\nbrief"), new ChatMessage("user", "Hello"));
    }

    @Test
    void everyBlockKindIsRead() {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        ChatRequest request = parse("{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"stop_sequences\":[\"END\"],"
                + "\"temperature\":0.3,\"top_p\":0.9,\"top_k\":5,\"metadata\":{\"user_id\":\"u1\"},"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.org/cat.jpg\"}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\",\"signature\":\"s\"},"
                + "{\"type\":\"text\",\"text\":\"A cat\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"title\":\"r.pdf\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"application/pdf\",\"data\":\"" + pdf + "\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"notes\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://example.org/a.pdf\"}},"
                + "{\"type\":\"text\",\"text\":\"Sum up\"}]}]}");
        assertThat(request.stream()).isTrue();
        assertThat(request.limits()).isEqualTo(new Limits(5, List.of("END")));
        assertThat(request.messages()).containsExactly(
                new ChatMessage("user", "Look", List.of(new Attachment("data:image/png;base64,iVBORw0KGgo=", null),
                        new Attachment("https://example.org/cat.jpg", null))),
                new ChatMessage("assistant", "A cat"),
                new ChatMessage("user", "Sum up", List.of(
                        new Attachment("data:application/pdf;base64," + pdf, "r.pdf"),
                        new Attachment("data:text/plain;base64," + Base64.getEncoder().encodeToString(
                                "notes".getBytes(StandardCharsets.UTF_8)), null),
                        new Attachment("https://example.org/a.pdf", null))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"max_tokens\":5,MSGS}                                              | model",
            "{\"model\":\"\",\"max_tokens\":5,MSGS}                               | model",
            "{\"model\":\"m\",MSGS}                                               | max_tokens",
            "{\"model\":\"m\",\"max_tokens\":0,MSGS}                              | max_tokens",
            "{\"model\":\"m\",\"max_tokens\":\"9\",MSGS}                          | max_tokens",
            "{\"model\":\"m\",\"max_tokens\":5}                                   | messages",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}                   | messages",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":{}}                   | messages",
            "{\"model\":\"m\",\"max_tokens\":5,\"n\":2,MSGS}                      | n",
            "{\"model\":\"m\",\"max_tokens\":5,\"stream\":\"yes\",MSGS}           | stream",
            "{\"model\":\"m\",\"max_tokens\":5,\"stop_sequences\":\"x\",MSGS}     | stop_sequences",
            "{\"model\":\"m\",\"max_tokens\":5,\"system\":5,MSGS}                 | system",
            "{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"image\"}],MSGS} | system.0.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]} | messages.0.role",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"name\":\"a\"}]} | messages.0.name",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\"}]} | messages.0.content",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\" \"}]} | messages.0.content",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]} | messages.0.content.0.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]} | messages.0.content.0.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]} | messages.0.content.0.source.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"%%\"}}]}]} | messages.0.content.0.source.data",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"file:///etc/passwd\"}}]}]} | messages.0.content.0.source.url",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\"}]}]} | messages.0.content.0.source",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\"}]}]} | messages.0.content.0.type",
    })
    void invalidRequestsNameTheField(String body, String param) {
        refused(body.replace("MSGS", HELLO), param);
    }

    @Test
    void malformedJsonIsRefused() {
        refused("{\"model\":", null);
        refused("[1]", null);
    }

    @Test
    void countTokensTakesTheConversationWithoutAnswerSettings() {
        ChatRequest request = door.parseCountTokens(("{\"model\":\"m\",\"system\":\"S\"," + HELLO + "}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(request.messages()).containsExactly(new ChatMessage("system", "S"), new ChatMessage("user", "Hello"));
        GatewayException error = catchThrowableOfType(() -> door.parseCountTokens(
                ("{\"model\":\"m\",\"max_tokens\":5," + HELLO + "}").getBytes(StandardCharsets.UTF_8)), GatewayException.class);
        assertThat(error.param()).isEqualTo("max_tokens");
    }

    @Test
    void nonStreamedAnswerHasThinkingThenTextAndUsage() throws Exception {
        ChatRequest request = parse("{\"model\":\"deepseek-r1\",\"max_tokens\":50," + HELLO + "}");
        JsonNode answer = json(door.answer(request, List.of(new AnswerEvent.Thinking("Let me "),
                new AnswerEvent.Thinking("think."), new AnswerEvent.Text("Hi "), new AnswerEvent.Text("there"),
                new AnswerEvent.End(StopReason.STOP_SEQUENCE, "END", new Usage(12, 7)))));
        assertThat(answer.get("id").asText()).matches("msg_[A-Za-z0-9]{24}");
        assertThat(answer.get("type").asText()).isEqualTo("message");
        assertThat(answer.get("role").asText()).isEqualTo("assistant");
        assertThat(answer.get("model").asText()).isEqualTo("deepseek-r1");
        assertThat(answer.get("content")).hasSize(2);
        assertThat(answer.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(answer.at("/content/0/thinking").asText()).isEqualTo("Let me think.");
        assertThat(answer.at("/content/0/signature").isTextual()).isTrue();
        assertThat(answer.at("/content/1/type").asText()).isEqualTo("text");
        assertThat(answer.at("/content/1/text").asText()).isEqualTo("Hi there");
        assertThat(answer.get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(answer.get("stop_sequence").asText()).isEqualTo("END");
        assertThat(answer.at("/usage/input_tokens").asInt()).isEqualTo(12);
        assertThat(answer.at("/usage/output_tokens").asInt()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({"END_TURN, end_turn", "MAX_TOKENS, max_tokens"})
    void plainAnswerHasOneTextBlockAndItsStopReason(StopReason reason, String expected) throws Exception {
        ChatRequest request = parse("{\"model\":\"gpt-4o\",\"max_tokens\":50," + HELLO + "}");
        JsonNode answer = json(door.answer(request, List.of(new AnswerEvent.Text("Hi"),
                new AnswerEvent.End(reason, null, new Usage(1, 1)))));
        assertThat(answer.get("content")).hasSize(1);
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("Hi");
        assertThat(answer.get("stop_reason").asText()).isEqualTo(expected);
        assertThat(answer.get("stop_sequence").isNull()).isTrue();
    }

    /** The frames as (event name, data JSON) pairs, each checked to be one well-formed SSE event. */
    private List<Object[]> events(List<byte[]> frames) throws Exception {
        List<Object[]> events = new ArrayList<>();
        for (byte[] frame : frames) {
            String text = new String(frame, StandardCharsets.UTF_8);
            assertThat(text).matches("(?s)event: [a-z_]+\ndata: \\{[^\n]*\\}\n\n");
            String name = text.substring(7, text.indexOf('\n'));
            JsonNode data = mapper.readTree(text.substring(text.indexOf("data: ") + 6));
            assertThat(data.get("type").asText()).isEqualTo(name);
            events.add(new Object[] {name, data});
        }
        return events;
    }

    private List<Object[]> stream(ChatRequest request, AnswerEvent... answer) throws Exception {
        StreamRenderer renderer = door.streamRenderer(request);
        List<byte[]> frames = new ArrayList<>(renderer.start());
        for (AnswerEvent event : answer) {
            frames.addAll(renderer.event(event));
        }
        return events(frames);
    }

    private static List<String> names(List<Object[]> events) {
        return events.stream().map(e -> (String) e[0]).toList();
    }

    @Test
    void plainStreamFollowsAnthropicsEventSequence() throws Exception {
        List<Object[]> events = stream(parse("{\"model\":\"gpt-4o\",\"max_tokens\":50,\"stream\":true," + HELLO + "}"),
                new AnswerEvent.Text("Hel"), new AnswerEvent.Text("lo"),
                new AnswerEvent.End(StopReason.END_TURN, null, new Usage(3, 2)));
        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = (JsonNode) events.get(0)[1];
        assertThat(start.at("/message/id").asText()).startsWith("msg_");
        assertThat(start.at("/message/model").asText()).isEqualTo("gpt-4o");
        assertThat(start.at("/message/content")).isEmpty();
        assertThat(start.at("/message/stop_reason").isNull()).isTrue();
        assertThat(((JsonNode) events.get(2)[1]).at("/content_block/type").asText()).isEqualTo("text");
        assertThat(((JsonNode) events.get(3)[1]).at("/delta/type").asText()).isEqualTo("text_delta");
        assertThat(((JsonNode) events.get(3)[1]).at("/delta/text").asText()).isEqualTo("Hel");
        assertThat(((JsonNode) events.get(4)[1]).get("index").asInt()).isZero();
        JsonNode delta = (JsonNode) events.get(6)[1];
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/delta/stop_sequence").isNull()).isTrue();
        assertThat(delta.at("/usage/input_tokens").asInt()).isEqualTo(3);
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void reasoningStreamHasTheThinkingBlockAtIndexZeroThenText() throws Exception {
        List<Object[]> events = stream(parse("{\"model\":\"deepseek-r1\",\"max_tokens\":50,\"stream\":true," + HELLO + "}"),
                new AnswerEvent.Thinking("Hmm"), new AnswerEvent.Text("Hi"),
                new AnswerEvent.End(StopReason.MAX_TOKENS, null, new Usage(3, 50)));
        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        JsonNode thinkingStart = (JsonNode) events.get(2)[1];
        assertThat(thinkingStart.get("index").asInt()).isZero();
        assertThat(thinkingStart.at("/content_block/type").asText()).isEqualTo("thinking");
        assertThat(((JsonNode) events.get(3)[1]).at("/delta/type").asText()).isEqualTo("thinking_delta");
        assertThat(((JsonNode) events.get(3)[1]).at("/delta/thinking").asText()).isEqualTo("Hmm");
        JsonNode textStart = (JsonNode) events.get(5)[1];
        assertThat(textStart.get("index").asInt()).isEqualTo(1);
        assertThat(textStart.at("/content_block/type").asText()).isEqualTo("text");
        assertThat(((JsonNode) events.get(7)[1]).get("index").asInt()).isEqualTo(1);
        assertThat(((JsonNode) events.get(8)[1]).at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void breakMidStreamIsAnErrorEvent() throws Exception {
        List<Object[]> events = stream(parse("{\"model\":\"gpt-4o\",\"max_tokens\":50,\"stream\":true," + HELLO + "}"),
                new AnswerEvent.Text("Hel"), new AnswerEvent.Broken(new GatewayException(ErrorKind.UPSTREAM,
                        "upstream_failed", null, "HixAI broke off")));
        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "error");
        JsonNode error = (JsonNode) events.get(4)[1];
        assertThat(error.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(error.at("/error/message").asText()).isEqualTo("HixAI broke off");
    }

    @ParameterizedTest
    @CsvSource({
            "INVALID_REQUEST, invalid_request_error", "AUTHENTICATION, authentication_error",
            "PERMISSION, permission_error", "NOT_FOUND, not_found_error", "METHOD_NOT_ALLOWED, invalid_request_error",
            "TIMEOUT, invalid_request_error", "TOO_LARGE, request_too_large", "RATE_LIMITED, rate_limit_error",
            "INTERNAL, api_error", "UPSTREAM, api_error", "UNAVAILABLE, overloaded_error"})
    void errorsTakeAnthropicsShapeAndType(ErrorKind kind, String type) throws Exception {
        JsonNode error = json(door.error(new GatewayException(kind, "some_code", "model", "Something")));
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo(type);
        assertThat(error.at("/error/message").asText()).isEqualTo("Something");
        assertThat(json(door.error(kind.status(), "Something")).at("/error/type").asText()).isEqualTo(type);
    }
}
