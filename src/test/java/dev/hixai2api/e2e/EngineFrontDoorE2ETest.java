package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.chat.ChatRoutes;
import dev.hixai2api.chat.FrontDoors;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.FrontDoor;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.core.StreamRenderer;
import jakarta.servlet.DispatcherType;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The engine serves any {@link FrontDoor}: a minimal line-based dialect plugged in the way the real doors are
 * (its route sets the variable frontDoor and calls direct:chat) gets parsing, answers, reasoning blocks, limits
 * and errors in its own shape.
 */
@Import(EngineFrontDoorE2ETest.LinesDoorConfiguration.class)
class EngineFrontDoorE2ETest extends GatewayTestSupport {

    @Test
    void aStopSequenceSpanningTwoUpstreamEventsCutsTheAnswerAndHixAi() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello wo", "rld, and", " much more", " text"));
        SIMULATOR.eventDelayMillis(200);

        HttpResponse<String> response = post("/v1/test-lines", lines("gpt-4o-mini", true, "stop", "world"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        // "o wo" may start "world": held back until the next event shows it does
        assertThat(response.body()).isEqualTo("T:Hell\nT:o \nE:STOP_SEQUENCE|world\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> SIMULATOR.abortedStreams() == 1);
        assertThat(SIMULATOR.completedStreams()).as("HixAI was cut, not drained").isZero();
    }

    @Test
    void theConversationRecordHoldsWhatTheClientGotSoTheNextTurnContinuesTheChat() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello wo", "rld, and more"));
        assertThat(post("/v1/test-lines", lines("gpt-4o-mini", false, "stop", "world"), null).body())
                .isEqualTo("T:Hell\nT:o \nE:STOP_SEQUENCE|world\n");

        HttpResponse<String> next = post("/v1/test-lines",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[\"user:hi\",\"assistant:Hello \",\"user:again\"]}", null);

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
        assertThat(SIMULATOR.chatCalls().get(1).chatId()).isEqualTo(SIMULATOR.chatCalls().get(0).chatId());
        assertThat(SIMULATOR.chatCalls().get(1).question()).isEqualTo("again");
    }

    @Test
    void maxOutputTokensEndTheAnswerWithMaxTokens() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("one two", " three four", " five six"));

        HttpResponse<String> response = post("/v1/test-lines", lines("gpt-4o-mini", true, "max", "3"), null);

        assertThat(response.body()).isEqualTo("T:one two\nT: three\nE:MAX_TOKENS|null\n");
    }

    @Test
    void aDoorAskingForReasoningBlocksGetsThinkingEvents() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Paris."));

        HttpResponse<String> response = post("/v1/test-lines",
                "{\"model\":\"deepseek-r1\",\"messages\":[\"user:capital?\"],\"blocks\":true}",
                null);

        assertThat(response.body()).isEqualTo("R:Let me think\nR: about it.\nT:Paris.\nE:END_TURN|null\n");
    }

    @Test
    void failuresAreRenderedByTheDoorWithTheKindsStatus() {
        seedCookie("tok-a", 100);

        HttpResponse<String> unknown = post("/v1/test-lines", "{\"model\":\"no-such-model\",\"messages\":[\"user:x\"]}", null);
        HttpResponse<String> bad = post("/v1/test-lines", "[]", null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("ERR:NOT_FOUND:model_not_found");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("ERR:INVALID_REQUEST:invalid_request");
    }

    private static String lines(String model, boolean stream, String limit, String value) {
        String limits = limit.equals("stop") ? ",\"stop\":[\"" + value + "\"]" : ",\"max\":" + value;
        return "{\"model\":\"" + model + "\",\"messages\":[\"user:hi\"],\"stream\":" + stream + limits + "}";
    }

    /** A dialect of one line per event, {@code role:text} messages, and plain-text errors. */
    static final class LinesDoor implements FrontDoor {

        private final ObjectMapper mapper = new ObjectMapper();

        @Override
        public String name() {
            return "test-lines";
        }

        @Override
        public ChatRequest parse(byte[] body) {
            try {
                JsonNode root = mapper.readTree(body);
                if (!root.isObject()) {
                    throw GatewayException.invalidRequest(null, "an object, please");
                }
                List<ChatMessage> messages = new ArrayList<>();
                root.path("messages").forEach(m -> messages.add(new ChatMessage(
                        m.asText().substring(0, m.asText().indexOf(':')), m.asText().substring(m.asText().indexOf(':') + 1))));
                List<String> stops = new ArrayList<>();
                root.path("stop").forEach(s -> stops.add(s.asText()));
                Integer max = root.has("max") ? root.get("max").asInt() : null;
                return new ChatRequest(root.path("model").asText(), messages, root.path("stream").asBoolean(),
                        new Limits(max, stops),
                        root.path("blocks").asBoolean() ? ReasoningStyle.BLOCKS : ReasoningStyle.THINK_TAGS)
                        .withFormat(responseFormat(root.path("response_format")));
            } catch (IOException e) {
                throw GatewayException.invalidRequest(null, "not JSON");
            }
        }

        @Override
        public StreamRenderer streamRenderer(ChatRequest request) {
            return new StreamRenderer() {
                @Override
                public List<byte[]> start() {
                    return List.of();
                }

                @Override
                public List<byte[]> event(AnswerEvent event) {
                    return List.of(line(event).getBytes(StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        public byte[] answer(ChatRequest request, List<AnswerEvent> events) {
            StringBuilder body = new StringBuilder();
            events.forEach(event -> body.append(line(event)));
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] error(GatewayException error) {
            return ("ERR:" + error.kind() + ":" + error.code()).getBytes(StandardCharsets.UTF_8);
        }

        /** OpenAI's response_format, read here only: the OpenAI door's own parsing is another change's. */
        private static ResponseFormat responseFormat(JsonNode format) {
            JsonNode schema = format.path("json_schema");
            return switch (format.path("type").asText("text")) {
                case "json_object" -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, false);
                case "json_schema" -> new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, schema.path("name").asText(),
                        schema.path("schema"), schema.path("strict").asBoolean());
                default -> ResponseFormat.TEXT;
            };
        }

        private static String line(AnswerEvent event) {
            if (event instanceof AnswerEvent.Thinking thinking) {
                return "R:" + thinking.text() + "\n";
            }
            if (event instanceof AnswerEvent.Text text) {
                return "T:" + text.text() + "\n";
            }
            if (event instanceof AnswerEvent.End end) {
                return "E:" + end.reason() + "|" + end.stopSequence() + "\n";
            }
            if (event instanceof AnswerEvent.ToolUse use) {
                return "C:" + use.call().name() + "|" + use.call().arguments() + "\n";
            }
            return "B:" + ((AnswerEvent.Broken) event).error().code() + "\n";
        }
    }

    @TestConfiguration
    static class LinesDoorConfiguration {

        @Bean
        LinesDoor linesDoor() {
            return new LinesDoor();
        }

        /** Sees every dispatch of every request, for {@link InlineServingE2ETest}. */
        @Bean
        FilterRegistrationBean<InlineServingE2ETest.DispatchRecorder> dispatchRecorder() {
            FilterRegistrationBean<InlineServingE2ETest.DispatchRecorder> registration =
                    new FilterRegistrationBean<>(new InlineServingE2ETest.DispatchRecorder());
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        RouteBuilder linesDoorRoutes(LinesDoor door) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    rest("/v1").post("/test-lines").to("direct:testLines");
                    from("direct:testLines").routeId("test-lines")
                            .setVariable(FrontDoors.VARIABLE, constant(door))
                            .to(ChatRoutes.ENDPOINT);
                }
            };
        }
    }
}
