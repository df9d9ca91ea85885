package dev.hixai2api.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.pool.CookieState;
import dev.hixai2api.pool.HixCookie;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Failure;
import org.junit.jupiter.api.Test;

class ChatCompletionE2ETest extends GatewayTestSupport {

    @Test
    void nonStreamingAnswerIsOneChatCompletionWithUsage() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "Hi"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello there");
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
        assertThat(body.path("usage").path("total_tokens").asInt())
                .isEqualTo(body.path("usage").path("prompt_tokens").asInt() + 2);
        ChatCall call = SIMULATOR.chatCalls().get(0);
        assertThat(call.question()).isEqualTo("Hi");
        assertThat(call.botId()).isEqualTo(86);
        assertThat(call.search()).isNull();
    }

    @Test
    void streamingAnswerIsChunksEndingInDone() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "Hi"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        List<JsonNode> chunks = dataEvents(response.body());
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks).extracting(c -> c.path("id").asText()).containsOnly(chunks.get(0).path("id").asText());
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(contentOf(chunks)).isEqualTo("Hello there");
        assertThat(chunks.get(chunks.size() - 1).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        assertThat(response.body()).doesNotContain("\"usage\"");
    }

    @Test
    void includeUsageAddsAFinalUsageChunk() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("one", " two", " three"));
        String body = chatBody("gpt-4o-mini", true, "count").replace("\"stream\":true",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}");

        HttpResponse<String> response = post("/v1/chat/completions", body, null);

        List<JsonNode> chunks = dataEvents(response.body());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isPositive();
    }

    @Test
    void firstChunkArrivesAsSoonAsTheFirstUpstreamEvent() throws Exception {
        seedCookie("tok-a", 100);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pieces.add(" w" + i);
        }
        SIMULATOR.answerWith(pieces);
        SIMULATOR.eventDelayMillis(150);

        long start = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        var response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/v1/chat/completions")))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", true, "go")))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        response.body().filter(line -> line.contains("\"content\":\" w")).forEach(line ->
                arrivals.add((System.nanoTime() - start) / 1_000_000));

        assertThat(arrivals).hasSize(12);
        // HixAI sends its 12 events 150 ms apart, the last at 1,800 ms: a buffered answer would arrive after that;
        // the bound leaves room for a loaded 2-core machine
        assertThat(arrivals.get(0)).as("first content chunk after %s ms", arrivals.get(0)).isLessThan(1000);
        assertThat(arrivals.get(11) - arrivals.get(0)).as("spread of arrivals %s", arrivals).isGreaterThan(1200);
    }

    @Test
    void reasoningIsShownAsAThinkBlockAheadOfTheAnswer() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Answer"));

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("deepseek-r1", false, "Why?"), null);

        String content = json(response.body()).path("choices").get(0).path("message").path("content").asText();
        assertThat(content).startsWith("<think>\n").contains("\n</think>\n\n").endsWith("Answer");
        assertThat(content.substring(8, content.indexOf("\n</think>"))).isNotBlank();
    }

    @Test
    void searchSuffixTurnsOnHixSearch() {
        seedCookie("tok-a", 100);

        post("/v1/chat/completions", chatBody("gpt-4o-mini-news", false, "headlines"), null);
        post("/v1/chat/completions", chatBody("gpt-4o-mini-academic", false, "papers"), null);
        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini-search", false, "web"), null);

        assertThat(json(response.body()).path("model").asText()).isEqualTo("gpt-4o-mini-search");
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::searchType).containsExactly("news", "academic", "internet");
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::search).containsOnly(true);
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::botId).containsOnly(86);
    }

    @Test
    void historyAndSystemPromptAreFoldedIntoTheQuestionOfANewChat() {
        seedCookie("tok-a", 100);
        String body = """
                {"model":"gpt-4o-mini","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"My name is Ada."},
                  {"role":"assistant","content":"Hello Ada."},
                  {"role":"user","content":[{"type":"text","text":"What is my name?"}]}]}""";

        post("/v1/chat/completions", body, null);

        assertThat(SIMULATOR.chatCalls().get(0).question()).isEqualTo(
                "System: Be brief.\n\nUser: My name is Ada.\n\nAssistant: Hello Ada.\n\nUser: What is my name?");
    }

    @Test
    void clientHeadersNeitherGoUpstreamNorComeBack() throws Exception {
        seedCookie("tok-a", 100);
        seedApiKey("sk-client-key-123456");

        var response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/v1/chat/completions")))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer sk-client-key-123456")
                        .header("X-Client-Trace", "trace-me")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", true, "hi")))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Client-Trace")
                || h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("User-Agent"));
        assertThat(SIMULATOR.requests()).allSatisfy(r -> {
            assertThat(r.headers()).doesNotContainKey("authorization").doesNotContainKey("x-client-trace");
            assertThat(String.join(" ", r.headers().values())).doesNotContain("sk-client-key-123456");
        });
        assertThat(SIMULATOR.chatCalls().get(0).headers().get("cookie")).isEqualTo("__Secure-next-auth.session-token=tok-a");
    }

    @Test
    void afterAnAnswerTheConversationIsStoredAndTheCreditReRead() {
        long id = seedCookie("tok-a", 100);

        post("/v1/chat/completions", chatBody("gpt-4o", false, "hi"), null);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HixCookie cookie = cookies.findById(id).orElseThrow();
            assertThat(cookie.credit()).isEqualTo(70);
            assertThat(cookie.lastRefreshAt()).isNotNull();
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                jdbc.sql("SELECT chat_id FROM conversation WHERE cookie_id = ?").param(id).query(String.class).list())
                .containsExactly(SIMULATOR.chatCalls().get(0).chatId()));
    }

    @Test
    void aDeadCookieIsDisabledAndTheAnswerComesFromAnotherOne() {
        long dead = seedCookie("tok-dead", 100);
        long alive = seedCookie("tok-alive", 100);
        SIMULATOR.account("tok-dead").setLoggedIn(false);

        // selection is random: ask until the dead cookie has been tried once; every answer still succeeds
        for (int i = 0; i < 40 && cookies.findById(dead).orElseThrow().state() == CookieState.ACTIVE; i++) {
            HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", i % 2 == 0, "hi"), null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("\"error\"");
        }

        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::token).containsOnly("tok-alive");
        assertThat(cookies.findById(dead).orElseThrow().state()).isEqualTo(CookieState.DISABLED);
        assertThat(cookies.findById(dead).orElseThrow().lastError()).contains("DEAD_SESSION");
        assertThat(cookies.findById(alive).orElseThrow().state()).isEqualTo(CookieState.ACTIVE);
    }

    @Test
    void aStreamCutAfterItStartedEndsWithAnErrorEventNotDone() {
        seedCookie("tok-a", 100);
        SIMULATOR.failNext(Failure.DROP_MID_STREAM);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = dataEvents(response.body());
        assertThat(contentOf(events)).isNotEmpty();
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("error").path("message").asText()).contains("without [DONE]");
        assertThat(last.path("error").path("type").asText()).isEqualTo("upstream_error");
        assertThat(response.body()).doesNotContain("data: [DONE]");
    }

    static List<JsonNode> dataEvents(String sse) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                events.add(json(line.substring(6)));
            }
        }
        return events;
    }

    static String contentOf(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            JsonNode choices = chunk.path("choices");
            if (choices.size() > 0) {
                text.append(choices.get(0).path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    /** Under load, with the production upstream timeouts: a dead cookie costs a failover, never an answer. */
    @Test
    void aHundredConcurrentRequestsOverThreeCookiesWithOneDeadAllSucceed() throws Exception {
        seedCookie("tok-1", 10_000);
        seedCookie("tok-2", 10_000);
        seedCookie("tok-dead", 10_000);
        SIMULATOR.account("tok-dead").setLoggedIn(false);
        SIMULATOR.eventDelayMillis(5);
        ExecutorService clients = Executors.newFixedThreadPool(100);
        try {
            List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                boolean stream = i % 2 == 0;
                requests.add(() -> post("/v1/chat/completions", chatBody("gpt-4o-mini", stream, "hi"), null));
            }
            List<Future<HttpResponse<String>>> responses = clients.invokeAll(requests);
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
                assertThat(response.get().body()).doesNotContain("\"error\"");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(SIMULATOR.chatCalls()).hasSize(100).extracting(ChatCall::token).doesNotContain("tok-dead");
    }
}
