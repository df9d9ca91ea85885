package dev.hixai2api.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.conversation.ConversationKey;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.persistence.ConversationRepository.StoredConversation;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Agents and scripts send the next turn the moment the answer ended ({@code [DONE]} read, or the JSON body):
 * that turn must continue the HixAI chat every time, with only the new message.
 */
class NextTurnAtOnceE2ETest extends GatewayTestSupport {

    private static final String MODEL = "gpt-4o-mini";

    @Autowired
    private ConversationRepository conversations;
    @Autowired
    private DataSource dataSource;

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void thirtyConversationsInARowEachContinueWithTurnTwoSentTheInstantTurnOneEnded(boolean stream) {
        seedCookie("tok-a", 100_000);

        for (int i = 0; i < 30; i++) {
            converse(i, stream);
        }

        assertEveryTurnTwoContinued(30);
    }

    @Test
    void twentyConversationsAtOnceEachContinueWithTurnTwoSentTheInstantTurnOneEnded() throws Exception {
        seedCookie("tok-a", 100_000);
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                done.add(clients.submit(() -> {
                    start.await();
                    converse(n, n % 2 == 0);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> conversation : done) {
                conversation.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        assertEveryTurnTwoContinued(20);
    }

    @Test
    void ofTwoIdenticalContinuationsSentAtOnceOneContinuesAndTheOtherOpensANewChatWithTheWholeConversation()
            throws Exception {
        seedCookie("tok-a", 100_000);
        // each answer takes about 250 ms: both continuations look for the conversation while neither is answered
        SIMULATOR.eventDelayMillis(30);
        String answer = streamUntilDone(history(0, null));
        String followUp = body(history(0, answer), false);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<HttpResponse<String>> send = () -> {
                start.await();
                return post("/v1/chat/completions", followUp, null);
            };
            Future<HttpResponse<String>> one = clients.submit(send);
            Future<HttpResponse<String>> other = clients.submit(send);
            start.countDown();
            assertThat(one.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(other.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }

        String original = SIMULATOR.chatCalls().get(0).chatId();
        List<ChatCall> turnTwo = SIMULATOR.chatCalls().subList(1, 3);
        assertThat(turnTwo).filteredOn(call -> call.chatId().equals(original))
                .singleElement().extracting(ChatCall::question).isEqualTo(question(0));
        assertThat(turnTwo).filteredOn(call -> !call.chatId().equals(original))
                .singleElement().extracting(ChatCall::question)
                .isEqualTo("User: " + greeting(0) + "\n\nAssistant: " + answer + "\n\nUser: " + question(0));
        assertThat(SIMULATOR.chats().get(original).questions()).containsExactly(greeting(0), question(0));
    }

    @Test
    void aContinuationThatFailedOverLeavesItsConversationToBeContinuedLater() {
        seedCookie("tok-a", 100_000);
        String answer = streamUntilDone(history(0, null));
        String original = SIMULATOR.chatCalls().get(0).chatId();
        seedCookie("tok-b", 100_000);
        SIMULATOR.failNext(Failure.SERVER_ERROR);

        HttpResponse<String> movedOn = post("/v1/chat/completions", body(history(0, answer), false), null);

        assertThat(movedOn.statusCode()).as(movedOn.body()).isEqualTo(200);
        assertThat(SIMULATOR.chatCalls()).last().extracting(ChatCall::token).isEqualTo("tok-b");
        awaitStoredUnderItsHistory(original, answer);
    }

    @Test
    void aContinuationWhoseClientLeftMidStreamLeavesItsConversationToBeContinuedLater() throws IOException {
        seedCookie("tok-a", 100_000);
        String answer = streamUntilDone(history(0, null));
        String original = SIMULATOR.chatCalls().get(0).chatId();
        SIMULATOR.eventDelayMillis(100);
        String reached = streamUntilThenLeave(body(history(0, answer), true),
                line -> line.contains("\"content\":\"Hello\""));
        assertThat(reached).isNotNull();

        assertThat(SIMULATOR.chatCalls()).last().extracting(ChatCall::chatId).isEqualTo(original);
        awaitStoredUnderItsHistory(original, answer);
    }

    @Test
    void theChatIdThatEveryAnswerLooksUpIsIndexed() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String table = meta.storesUpperCaseIdentifiers() ? "CONVERSATION" : "conversation";
            List<String> leadingColumns = new ArrayList<>();
            try (ResultSet index = meta.getIndexInfo(connection.getCatalog(), null, table, false, false)) {
                while (index.next()) {
                    if (index.getShort("ORDINAL_POSITION") == 1) {
                        leadingColumns.add(index.getString("COLUMN_NAME").toLowerCase());
                    }
                }
            }
            assertThat(leadingColumns).contains("chat_id");
        }
    }

    /** Turn 1, then turn 2 the moment turn 1's answer is in the client's hands. */
    private void converse(int n, boolean stream) {
        String answer = stream ? streamUntilDone(history(n, null)) : answerOf(post("/v1/chat/completions",
                body(history(n, null), false), null));
        if (stream) {
            streamUntilDone(history(n, answer));
        } else {
            answerOf(post("/v1/chat/completions", body(history(n, answer), false), null));
        }
    }

    private void assertEveryTurnTwoContinued(int conversations) {
        Map<String, String> chatOfQuestion = SIMULATOR.chatCalls().stream()
                .collect(Collectors.toMap(ChatCall::question, ChatCall::chatId));
        List<Integer> newChats = new ArrayList<>();
        for (int n = 0; n < conversations; n++) {
            if (!chatOfQuestion.get(greeting(n)).equals(chatOfQuestion.get(question(n)))) {
                newChats.add(n);
            }
        }
        assertThat(newChats).as("conversations whose turn 2 opened a new chat instead of continuing").isEmpty();
        assertThat(SIMULATOR.chatCalls()).hasSize(2 * conversations);
        assertThat(SIMULATOR.chats()).hasSize(conversations);
    }

    /** The record of {@code chatId} is found again under the history it held before the continuation. */
    private void awaitStoredUnderItsHistory(String chatId, String answer) {
        List<ChatMessage> history = List.of(new ChatMessage("user", greeting(0)), new ChatMessage("assistant", answer));
        String key = ConversationKey.ofHistory("", history).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(conversations.findByContext(key, MODEL))
                .get().extracting(StoredConversation::chatId).isEqualTo(chatId));
    }

    /** Streams a chat and reads it chunk by chunk, as a streaming client does, up to {@code [DONE]}. */
    private String streamUntilDone(ArrayNode messages) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(messages, true)))
                .build();
        HttpResponse<Stream<String>> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder answer = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.equals("data: [DONE]")) {
                    return answer.toString();
                }
                if (line.startsWith("data: ")) {
                    JsonNode delta = json(line.substring(6)).path("choices").path(0).path("delta").path("content");
                    answer.append(delta.asText(""));
                }
            }
        }
        throw new AssertionError("the stream ended without [DONE]: " + answer);
    }

    private static String answerOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).path("choices").get(0).path("message").path("content").asText();
    }

    private static String greeting(int n) {
        return "I am guest number " + n + ".";
    }

    private static String question(int n) {
        return "Which guest number am I, " + n + "?";
    }

    /** Turn 1 alone, or turn 1, its answer and turn 2. */
    private static ArrayNode history(int n, String answer) {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", greeting(n));
        if (answer != null) {
            messages.addObject().put("role", "assistant").put("content", answer);
            messages.addObject().put("role", "user").put("content", question(n));
        }
        return messages;
    }

    private static String body(ArrayNode messages, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", MODEL).put("stream", stream);
        body.set("messages", messages);
        return body.toString();
    }
}
