package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.TokenCounter;
import dev.hixai2api.simulator.ChatCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chat completion parameters a client sets per request, through the door as a client speaks it: stop
 * sequences, the reasoning format (deepseek-r1, the simulator's reasoning model) and refusals.
 */
class OpenAiChatParametersE2ETest extends GatewayTestSupport {

    private static final String PATH = "/v1/chat/completions";
    /** What the simulator's reasoning model thinks before each answer. */
    private static final String THOUGHT = "Let me think about it.";

    /** What a stream client collected. */
    private record Collected(String content, String reasoning, String finishReason, boolean done) {
    }

    private static ObjectNode request(String model, boolean stream, String... turns) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", stream);
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < turns.length; i++) {
            messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", turns[i]);
        }
        return body;
    }

    /** The answer as a client reads it, streamed or whole. */
    private Collected ask(ObjectNode body) {
        HttpResponse<String> response = post(PATH, body.toString(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        if (!body.get("stream").asBoolean()) {
            JsonNode choice = json(response.body()).at("/choices/0");
            JsonNode reasoning = choice.at("/message/reasoning_content");
            return new Collected(choice.at("/message/content").asText(), reasoning.isMissingNode() ? null
                    : reasoning.asText(), choice.get("finish_reason").asText(), true);
        }
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String finishReason = null;
        String last = null;
        for (String line : response.body().lines().filter(l -> l.startsWith("data: ")).toList()) {
            last = line.substring(6);
            if (last.startsWith("{")) {
                JsonNode choice = json(last).at("/choices/0");
                content.append(choice.at("/delta/content").asText(""));
                reasoning.append(choice.at("/delta/reasoning_content").asText(""));
                if (choice.path("finish_reason").isTextual()) {
                    finishReason = choice.get("finish_reason").asText();
                }
            }
        }
        boolean sawReasoning = response.body().contains("\"reasoning_content\"");
        return new Collected(content.toString(), sawReasoning ? reasoning.toString() : null, finishReason,
                "[DONE]".equals(last));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aStopSequenceSplitOverTwoUpstreamEventsCutsTheAnswerBeforeIt(boolean stream) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("one two ", "ST", "OP three"));
        ObjectNode first = request("gpt-4o-mini", stream, "Count");
        first.putArray("stop").add("never").add("STOP");

        Collected cut = ask(first);
        HttpResponse<String> next = post(PATH, request("gpt-4o-mini", false, "Count", cut.content(), "Go on")
                .put("stop", "STOP").toString(), null);

        assertThat(cut).isEqualTo(new Collected("one two ", null, "stop", true));
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).extracting(ChatCall::question).containsExactly("Count", "Go on");
        assertThat(calls.get(1).chatId()).as("the cut answer continues its chat").isEqualTo(calls.get(0).chatId());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void maxTokensCutsTheAnswerWithLengthAndCountsTheTokens(boolean stream) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("one two", " three four"));

        Collected cut = ask(request("gpt-4o-mini", stream, "Count").put("max_tokens", 2));

        assertThat(cut).isEqualTo(new Collected("one two", null, "length", true));
        assertThat(TokenCounter.count(cut.content())).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"think, true", "think, false", "reasoning_content, true", "reasoning_content, false", "hide, true",
            "hide, false"})
    void eachReasoningFormatShowsTheThinkingItsWay(String format, boolean stream) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("The ", "answer."));

        Collected answer = ask(request("deepseek-r1", stream, "Why?").put("reasoning_format", format));

        Collected expected = switch (format) {
            case "think" -> new Collected("<think>\n" + THOUGHT + "\n</think>\n\nThe answer.", null, "stop", true);
            case "reasoning_content" -> new Collected("The answer.", THOUGHT, "stop", true);
            default -> new Collected("The answer.", null, "stop", true);
        };
        assertThat(answer).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"think", "reasoning_content"})
    void theNextTurnSendingBackTheReasoningItsWayContinuesTheSameChat(String format) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Nice to meet you, Ada."));
        Collected first = ask(request("deepseek-r1", true, "My name is Ada.").put("reasoning_format", format));

        ObjectNode next = request("deepseek-r1", false, "My name is Ada.", first.content(), "What is my name?")
                .put("reasoning_format", format);
        if (first.reasoning() != null) {
            ((ObjectNode) next.get("messages").get(1)).put("reasoning_content", first.reasoning());
        }
        HttpResponse<String> second = post(PATH, next.toString(), null);

        assertThat(first.content().contains("<think>")).isEqualTo(format.equals("think"));
        assertThat(first.reasoning() != null).isEqualTo(format.equals("reasoning_content"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).extracting(ChatCall::question).containsExactly("My name is Ada.", "What is my name?");
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"n\":2 | n | unsupported_parameter",
            "\"logprobs\":true | logprobs | unsupported_parameter",
            "\"top_logprobs\":3 | top_logprobs | unsupported_parameter",
            "\"web_search_options\":{} | web_search_options | unsupported_parameter",
            "\"top_k\":40 | top_k | unknown_parameter",
            "\"temperature\":\"warm\" | temperature | invalid_request",
            "\"stop\":[\"\"] | stop | invalid_request",
            "\"reasoning_format\":\"raw\" | reasoning_format | invalid_request",
            "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":1}}}"
                    + " | response_format.json_schema.schema | invalid_request"})
    void whatCannotBeHonouredIsRefusedWith400NamingTheParameterBeforeHixAiIsAsked(String field, String param,
                                                                               String code) {
        seedCookie("tok-a", 100);
        String body = request("gpt-4o-mini", true, "Hi").toString();

        HttpResponse<String> response = post(PATH, body.substring(0, body.length() - 1) + "," + field + "}", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo(param);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }
}
