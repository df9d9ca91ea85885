package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.pool.CookieState;
import dev.hixai2api.simulator.ChatCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Conversations keep their context on every turn, whatever happens to the cookies. */
@ExtendWith(OutputCaptureExtension.class)
class ConversationE2ETest extends GatewayTestSupport {

    @Test
    void aFollowUpSendsOnlyTheNewMessageToTheSameChat() {
        seedCookie("tok-a", 1000);
        SIMULATOR.answerWith(List.of("Nice", " to", " meet you."));
        answer(messages("user", "My name is Ada."));

        HttpResponse<String> second = post("/v1/chat/completions", body(messages(
                "user", "My name is Ada.", "assistant", "Nice to meet you.", "user", "What is my name?")), null);

        assertThat(second.statusCode()).isEqualTo(200);
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
        assertThat(calls.get(1).question()).isEqualTo("What is my name?");
        assertThat(SIMULATOR.chats()).hasSize(1);
        assertThat(SIMULATOR.chats().get(calls.get(0).chatId()).questions())
                .containsExactly("My name is Ada.", "What is my name?");
    }

    @Test
    void matchingIgnoresFormattingPartsAndAKeptOrDroppedThinkBlock() {
        seedCookie("tok-a", 1000);
        SIMULATOR.answerWith(List.of("Forty", " two."));
        String answer = answer(messages("user", "Meaning of life?"), "deepseek-r1");
        assertThat(answer).startsWith("<think>");

        // the client kept the think block but reflowed the whitespace, and sends the question as a text part
        ArrayNode history = messages("user", "  Meaning   of\nlife? ", "assistant", answer.replace("\n", "  \n "));
        history.addObject().put("role", "user").putArray("content").addObject().put("type", "text").put("text", "Why?");
        post("/v1/chat/completions", body(history, "deepseek-r1"), null);
        // a client that dropped the think block continues the same chat too
        post("/v1/chat/completions", body(messages("user", "Meaning of life?", "assistant", "Forty two.",
                "user", "Why?", "assistant", answer.substring(answer.indexOf("</think>") + 8), "user", "Sure?"),
                "deepseek-r1"), null);

        assertThat(SIMULATOR.chats()).hasSize(1);
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::question).containsExactly("Meaning of life?", "Why?", "Sure?");
    }

    @Test
    void aRegeneratedAnswerGetsANewChatWithTheFullContext() {
        seedCookie("tok-a", 1000);
        SIMULATOR.answerWith(List.of("Hello", " Ada."));
        answer(messages("user", "I am Ada."));
        ArrayNode followUp = messages("user", "I am Ada.", "assistant", "Hello Ada.", "user", "Who am I?");

        post("/v1/chat/completions", body(followUp), null);
        post("/v1/chat/completions", body(followUp), null);

        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
        assertThat(calls.get(2).chatId()).isNotEqualTo(calls.get(0).chatId());
        assertThat(calls.get(2).question()).isEqualTo("User: I am Ada.\n\nAssistant: Hello Ada.\n\nUser: Who am I?");
    }

    @Test
    void anEditedEarlierTurnOrAChangedSystemPromptStartsANewChatWithEverything() {
        seedCookie("tok-a", 1000);
        SIMULATOR.answerWith(List.of("Hi", " Bob."));
        answer(messages("system", "Be kind.", "user", "I am Bob."));

        post("/v1/chat/completions", body(messages("system", "Be kind.", "user", "I am Robert.",
                "assistant", "Hi Bob.", "user", "Who am I?")), null);
        post("/v1/chat/completions", body(messages("system", "Be rude.", "user", "I am Bob.",
                "assistant", "Hi Bob.", "user", "Who am I?")), null);

        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).extracting(ChatCall::chatId).doesNotHaveDuplicates();
        assertThat(calls.get(1).question()).isEqualTo(
                "System: Be kind.\n\nUser: I am Robert.\n\nAssistant: Hi Bob.\n\nUser: Who am I?");
        assertThat(calls.get(2).question()).startsWith("System: Be rude.\n\n").endsWith("User: Who am I?");
    }

    @Test
    void aConversationWhoseCookieDiedMovesToAHealthyCookieWithItsContext() {
        long first = seedCookie("tok-first", 1000);
        SIMULATOR.answerWith(List.of("Noted", "."));
        answer(messages("user", "Remember 42."));
        seedCookie("tok-second", 1000);
        SIMULATOR.account("tok-first").setLoggedIn(false);

        HttpResponse<String> moved = post("/v1/chat/completions", body(messages(
                "user", "Remember 42.", "assistant", "Noted.", "user", "What number?")), null);

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        ChatCall last = SIMULATOR.chatCalls().get(SIMULATOR.chatCalls().size() - 1);
        assertThat(last.token()).isEqualTo("tok-second");
        assertThat(last.question()).isEqualTo("User: Remember 42.\n\nAssistant: Noted.\n\nUser: What number?");
        assertThat(cookies.findById(first).orElseThrow().state()).isEqualTo(CookieState.DISABLED);
    }

    @Test
    void aConversationOfADisabledCookieGoesStraightToANewChat() {
        long first = seedCookie("tok-first", 1000);
        SIMULATOR.answerWith(List.of("Noted", "."));
        answer(messages("user", "Remember 7."));
        seedCookie("tok-second", 1000);
        // the session died (a credit re-read after the answer finds it so too) and the pool knows it
        SIMULATOR.account("tok-first").setLoggedIn(false);
        cookies.markFailure(first, CookieState.DISABLED, "DEAD_SESSION: test");
        int requestsBefore = SIMULATOR.requests().size();

        post("/v1/chat/completions", body(messages("user", "Remember 7.", "assistant", "Noted.", "user", "Which?")), null);

        // only the credit re-read after the first answer may still use the dead cookie, in the background
        assertThat(SIMULATOR.requests().subList(requestsBefore, SIMULATOR.requests().size()))
                .filteredOn(r -> !r.path().contains("getUsedBotList"))
                .allSatisfy(r -> assertThat(r.headers().getOrDefault("cookie", "")).doesNotContain("tok-first"));
        assertThat(SIMULATOR.chatCalls().get(1).question()).contains("Remember 7.").endsWith("User: Which?");
    }

    @Test
    void anotherApiKeyNeverContinuesSomeoneElsesChat() {
        seedCookie("tok-a", 1000);
        seedApiKey("sk-alice-key-0001");
        seedApiKey("sk-bob-key-00002");
        SIMULATOR.answerWith(List.of("Hello", "."));
        post("/v1/chat/completions", body(messages("user", "hi")), "Bearer sk-alice-key-0001");

        post("/v1/chat/completions", body(messages("user", "hi", "assistant", "Hello.", "user", "secret?")), "Bearer sk-bob-key-00002");

        assertThat(SIMULATOR.chatCalls().get(1).chatId()).isNotEqualTo(SIMULATOR.chatCalls().get(0).chatId());
    }

    @Test
    void aLongHistoryIsTrimmedOldestFirstToTheModelLimit(CapturedOutput output) {
        seedCookie("tok-a", 1000);
        String filler = "x".repeat(4000);
        post("/v1/chat/completions", body(messages("system", "Be brief.", "user", "OLDEST " + filler,
                "assistant", "ok " + filler, "user", "middle", "assistant", "fine", "user", "NEWEST question")), null);

        String question = SIMULATOR.chatCalls().get(0).question();
        assertThat(question.length()).isLessThanOrEqualTo(8000);
        assertThat(question).startsWith("System: Be brief.").endsWith("User: NEWEST question")
                .doesNotContain("OLDEST").contains("User: middle");
        assertThat(output.getOut()).contains("Dropped the 1 oldest turns");
    }

    private String answer(ArrayNode messages) {
        return answer(messages, "gpt-4o-mini");
    }

    private String answer(ArrayNode messages, String model) {
        HttpResponse<String> response = post("/v1/chat/completions", body(messages, model), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).path("choices").get(0).path("message").path("content").asText();
    }

    private static ArrayNode messages(String... roleAndText) {
        ArrayNode messages = JSON.createArrayNode();
        for (int i = 0; i < roleAndText.length; i += 2) {
            messages.addObject().put("role", roleAndText[i]).put("content", roleAndText[i + 1]);
        }
        return messages;
    }

    private static String body(ArrayNode messages) {
        return body(messages, "gpt-4o-mini");
    }

    private static String body(ArrayNode messages, String model) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", false);
        body.set("messages", messages);
        return body.toString();
    }
}
