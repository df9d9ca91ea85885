package dev.hixai2api.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HixSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE_PATH =
            "/api/trpc/hixChat.getUsedBotList,subLog.getSubLog,subUsage.getSubUsage?batch=1&input=" + URLEncoder.encode(
                    "{\"0\":{\"json\":{\"limit\":1000}},\"1\":{\"json\":null,\"meta\":{\"values\":[\"undefined\"]}},"
                            + "\"2\":{\"json\":{\"appName\":\"HIXChat\"}}}", StandardCharsets.UTF_8);
    private static final int DEEPSEEK_V3 = 85427;
    private static final int DEEPSEEK_R1 = 85426;
    private static final int CLAUDE = 42;
    private static final int GPT_4_TURBO = 8;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private HixSimulator sim;

    @BeforeEach
    void start() {
        sim = HixSimulator.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void createChatThenStreamAnswersAndDebits() throws Exception {
        sim.addAccount("tok", 10);
        String chatId = createChat("tok", DEEPSEEK_V3);
        assertThat(chatId).matches("c[a-z0-9]{24}");

        HttpResponse<String> response = chat("tok", chatId, "what is the weather like today");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> data = sseData(response.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(contents(data)).isEqualTo("Hello from HixAI. You asked: what is the weather like today");
        assertThat(sim.account("tok").standardCredit()).isEqualTo(9);
        assertThat(sim.account("tok").chatCount()).isEqualTo(1);
        assertThat(sim.chats().get(chatId).questions()).containsExactly("what is the weather like today");
        ChatCall call = sim.chatCalls().get(0);
        assertThat(call.token()).isEqualTo("tok");
        assertThat(call.botId()).isEqualTo(DEEPSEEK_V3);
        assertThat(call.search()).isNull();
        assertThat(call.headers()).containsKey("cookie");
    }

    @Test
    void scriptAndSearchFlagsAreHonoured() throws Exception {
        sim.addAccount("tok", 10);
        sim.answerWith(List.of("One", " two"));
        String chatId = createChat("tok", DEEPSEEK_V3);
        HttpResponse<String> response = post("/api/hix/chat", "other=1; " + HixSimulator.COOKIE_NAME + "=tok; x=y",
                "{\"chatId\":\"" + chatId + "\",\"fileUrl\":\"\",\"question\":\"q\",\"search\":true,"
                        + "\"searchType\":\"news\"}");

        assertThat(contents(sseData(response.body()))).isEqualTo("One two");
        assertThat(sim.chatCalls().get(0).search()).isTrue();
        assertThat(sim.chatCalls().get(0).searchType()).isEqualTo("news");
    }

    @Test
    void reasoningBotThinksBeforeAnswering() throws Exception {
        sim.addAccount("tok", 10);
        List<String> data = sseData(chat("tok", createChat("tok", DEEPSEEK_R1), "hi").body());

        List<String> kinds = new ArrayList<>();
        for (String item : data) {
            kinds.add(item.equals("[DONE]") ? "done" : JSON.readTree(item).fieldNames().next());
        }
        int thinking = kinds.indexOf("thinking_time");
        assertThat(kinds.subList(0, thinking)).contains("reasoning_content").doesNotContain("content");
        assertThat(kinds.subList(thinking + 1, kinds.size() - 1)).containsOnly("content");
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("done");
        assertThat(data).anyMatch(item -> item.startsWith("{\"id\":\"msg_"));
    }

    @Test
    void usageShowsCreditsForSubscriberAndNonSubscriber() throws Exception {
        sim.addSubscriber("sub", 100, 50);
        sim.addAccount("free", 30);
        chat("sub", createChat("sub", GPT_4_TURBO), "hi");

        JsonNode sub = JSON.readTree(get(USAGE_PATH, "sub").body());
        assertThat(sub).hasSize(3);
        JsonNode usage = sub.get(2).at("/result/data");
        JsonNode list = usage.at("/json/usageList");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("usage_type").asText()).isEqualTo("standard");
        assertThat(list.get(0).get("total_count").asInt() - list.get(0).get("use_count").asInt()).isEqualTo(100);
        assertThat(list.get(1).get("total_count").asInt()).isEqualTo(50);
        assertThat(list.get(1).get("use_count").asInt()).isEqualTo(20);
        assertThat(usage.at("/json/isActiveSub").asBoolean()).isTrue();
        assertThat(usage.at("/meta/values/usageList.0.date_start/0").asText()).isEqualTo("Date");
        assertThat(sub.get(0).at("/result/data/json/0/botId").asInt()).isEqualTo(GPT_4_TURBO);

        JsonNode free = JSON.readTree(get(USAGE_PATH, "free").body()).get(2).at("/result/data/json");
        assertThat(free.get("usageList")).hasSize(1);
        assertThat(free.get("isActiveSub").asBoolean()).isFalse();

        sim.account("sub").setSingleUsageEntry(true);
        assertThat(JSON.readTree(get(USAGE_PATH, "sub").body()).at("/2/result/data/json/usageList")).hasSize(1);
        sim.account("sub").setEmptyUsage(true);
        assertThat(JSON.readTree(get(USAGE_PATH, "sub").body()).at("/2/result/data/json/usageList")).isEmpty();
    }

    @Test
    void deadSessionsAnswerInEachShape() throws Exception {
        HttpResponse<String> unknown = get(USAGE_PATH, "nobody");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unknown.body()).get("status").asInt()).isEqualTo(-5);

        Account dead = sim.addAccount("dead", 100);
        dead.setLoggedIn(false);
        HttpResponse<String> notLogin = post("/api/hix/chat", cookie("dead"), "{\"chatId\":\"x\",\"question\":\"q\"}");
        assertThat(notLogin.statusCode()).isEqualTo(200);
        assertThat(notLogin.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(notLogin.body()).get("message").asText()).isEqualTo("not login");

        dead.setDeadShape(Failure.TRPC_UNAUTHORIZED);
        HttpResponse<String> trpc = get(USAGE_PATH, "dead");
        assertThat(trpc.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(trpc.body()).at("/0/error/json/code").asInt()).isEqualTo(-32001);
        assertThat(JSON.readTree(trpc.body()).at("/0/error/json/data/code").asText()).isEqualTo("UNAUTHORIZED");

        dead.setDeadShape(Failure.UNAUTHORIZED_HTTP);
        assertThat(get(USAGE_PATH, "dead").statusCode()).isEqualTo(401);
        assertThat(sim.chatCalls()).isEmpty();
    }

    @Test
    void exhaustedCreditIsForbidden() throws Exception {
        sim.addAccount("poor", 3);
        HttpResponse<String> standard = post("/api/trpc/hixChat.createChat?batch=1", cookie("poor"),
                createBody(CLAUDE));
        assertThat(standard.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(standard.body()).at("/0/error/json");
        assertThat(error.get("code").asInt()).isEqualTo(-32003);
        assertThat(error.get("message").asText()).isEqualTo("Insufficient credits");
        assertThat(error.at("/data/code").asText()).isEqualTo("FORBIDDEN");
        assertThat(error.at("/data/path").asText()).isEqualTo("hixChat.createChat");

        assertThat(post("/api/trpc/hixChat.createChat?batch=1", cookie("poor"), createBody(GPT_4_TURBO))
                .statusCode()).isEqualTo(403);
        assertThat(post("/api/trpc/hixChat.createChat?batch=1", cookie("poor"), createBody(999_999))
                .statusCode()).isEqualTo(400);

        String chatId = createChat("poor", DEEPSEEK_V3);
        sim.account("poor").setStandardCredit(0);
        HttpResponse<String> chat = chat("poor", chatId, "hi");
        assertThat(chat.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(chat.body()).at("/error/json/code").asInt()).isEqualTo(-32003);
        assertThat(sim.chatCalls()).isEmpty();
    }

    @Test
    void cloudflareChallengeAndBlock() throws Exception {
        sim.addAccount("tok", 100);
        sim.failNext(Failure.CLOUDFLARE_CHALLENGE);
        HttpResponse<String> challenge = post("/api/trpc/hixChat.createChat?batch=1", cookie("tok"),
                createBody(DEEPSEEK_V3));
        assertThat(challenge.statusCode()).isEqualTo(403);
        assertThat(challenge.headers().firstValue("cf-mitigated")).hasValue("challenge");
        assertThat(challenge.body()).contains("<title>Just a moment...</title>", "window._cf_chl_opt",
                "cdn-cgi/challenge-platform");
        assertThat(createChat("tok", DEEPSEEK_V3)).isNotBlank();

        sim.failAlways(Failure.CLOUDFLARE_CHALLENGE_503);
        assertThat(get(USAGE_PATH, "tok").statusCode()).isEqualTo(503);
        sim.failAlways(Failure.CLOUDFLARE_BLOCK);
        HttpResponse<String> block = get(USAGE_PATH, "tok");
        assertThat(block.statusCode()).isEqualTo(403);
        assertThat(block.body()).contains("Sorry, you have been blocked");
        assertThat(block.headers().firstValue("cf-mitigated")).isEmpty();
        sim.failAlways(Failure.SERVER_ERROR);
        assertThat(get(USAGE_PATH, "tok").statusCode()).isEqualTo(502);
    }

    @Test
    void pedanticStreamStillParses() throws Exception {
        sim.addAccount("tok", 10);
        sim.sseStyle(SseStyle.PEDANTIC);
        String body = chat("tok", createChat("tok", DEEPSEEK_V3), "hi").body();

        assertThat(body).contains("\r\n", ": keep-alive", "event: message", "id: 1");
        List<String> data = sseData(body);
        assertThat(contents(data)).isEqualTo("Hello from HixAI. You asked: hi");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void streamFailuresWaitForTheChatCall() throws Exception {
        sim.addAccount("tok", 100);
        sim.failNext(Failure.DROP_MID_STREAM);
        List<String> dropped = sseData(chat("tok", createChat("tok", DEEPSEEK_V3), "one two three").body());
        assertThat(dropped).doesNotContain("[DONE]");
        assertThat(dropped.stream().filter(item -> item.contains("\"content\""))).hasSize(2);

        sim.failNext(Failure.MALFORMED_SSE);
        String malformed = chat("tok", createChat("tok", DEEPSEEK_V3), "hi").body();
        assertThat(malformed).contains("data: {\"content\":\n", "\ngarbage\n");
        List<String> data = sseData(malformed);
        assertThat(contents(data)).isEqualTo("Hello from HixAI. You asked: hi");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");

        sim.failNext(Failure.HTML_INSTEAD_OF_SSE);
        HttpResponse<String> html = chat("tok", createChat("tok", DEEPSEEK_V3), "hi");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(sim.chatCalls()).hasSize(2);
    }

    @Test
    void connectionResetGivesNoResponse() {
        sim.addAccount("tok", 100);
        sim.failNext(Failure.CONNECTION_RESET);
        assertThatThrownBy(() -> post("/api/trpc/hixChat.createChat?batch=1", cookie("tok"),
                createBody(DEEPSEEK_V3))).isInstanceOf(IOException.class);
    }

    @Test
    void stallHoldsTheStreamUntilReset() throws Exception {
        sim.addAccount("tok", 100);
        sim.failNext(Failure.STALL_MID_STREAM);
        try (BufferedReader reader = openStream("tok", createChat("tok", DEEPSEEK_V3), "one two three")) {
            int contents = 0;
            while (contents < 2) {
                String line = reader.readLine();
                if (line.contains("\"content\"")) {
                    contents++;
                }
            }
            sim.reset();
            String rest = reader.lines().collect(Collectors.joining("\n"));
            assertThat(rest).doesNotContain("data:");
        }
    }

    @Test
    void uploadSignPutAndGet() throws Exception {
        sim.addAccount("tok", 10);
        String sign = JSON.readTree(post("/api/upload/sign", cookie("tok"),
                "{\"filename\":\"20250101120000.png\",\"type\":\"file\"}").body()).get("sign").asText();
        assertThat(sign).startsWith(sim.baseUrl() + "/upload/").contains("X-Amz-Signature=");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(sign))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        String fileUrl = sign.substring(0, sign.indexOf('?'));
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(fileUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.body()).isEqualTo(png);
        assertThat(fetched.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(sim.uploads()).hasSize(1);
        assertThat(sim.uploads().values().iterator().next().contentType()).isEqualTo("image/png");

        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(fileUrl))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);

        sim.serveFile("/files/cat.png", png, "image/png");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/files/cat.png")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(png);
    }

    @Test
    void deleteChatIsRecorded() throws Exception {
        sim.addAccount("tok", 10);
        String chatId = createChat("tok", DEEPSEEK_V3);
        HttpResponse<String> deleted = post("/api/trpc/hixChat.deleteChat?batch=1", cookie("tok"),
                "{\"0\":{\"json\":{\"id\":\"" + chatId + "\"}}}");
        assertThat(JSON.readTree(deleted.body()).at("/0/result/data/json/id").asText()).isEqualTo(chatId);
        assertThat(sim.chats()).doesNotContainKey(chatId);

        HttpResponse<String> unknown = post("/api/trpc/hixChat.deleteChat?batch=1", cookie("tok"),
                "{\"0\":{\"json\":{\"id\":\"cnope\"}}}");
        assertThat(JSON.readTree(unknown.body()).at("/0/error/json/data/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(sim.deletedChatIds()).containsExactly(chatId, "cnope");
    }

    @Test
    void eventsArriveSpacedOut() throws Exception {
        sim.addAccount("tok", 10);
        sim.eventDelayMillis(150);
        sim.answerWith(List.of("a", " b", " c", " d"));
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader reader = openStream("tok", createChat("tok", DEEPSEEK_V3), "hi")) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.contains("\"content\"")) {
                    arrivals.add(System.nanoTime());
                }
            }
        }
        assertThat(arrivals).hasSize(4);
        assertThat(Duration.ofNanos(arrivals.get(3) - arrivals.get(0)).toMillis()).isGreaterThanOrEqualTo(350);
    }

    @Test
    void manyConcurrentStreams() throws Exception {
        sim.addAccount("tok", 10_000);
        sim.eventDelayMillis(20);
        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String body = chatBody(createChat("tok", DEEPSEEK_V3), "q" + i);
            streams.add(http.sendAsync(request("/api/hix/chat", cookie("tok"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> stream : streams) {
            assertThat(stream.get().body()).endsWith("data: [DONE]\n\n");
        }
        assertThat(sim.account("tok").standardCredit()).isEqualTo(10_000 - 120);
        assertThat(sim.chatCalls()).hasSize(120);
    }

    // ---------------------------------------------------------------- helpers

    private static String cookie(String token) {
        return HixSimulator.COOKIE_NAME + "=" + token;
    }

    private static String createBody(int botId) {
        return "{\"0\":{\"json\":{\"title\":\"Untitled\",\"botId\":" + botId + "}}}";
    }

    private String createChat(String token, int botId) throws Exception {
        HttpResponse<String> response = post("/api/trpc/hixChat.createChat?batch=1", cookie(token), createBody(botId));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/0/result/data/json/id").asText();
    }

    private HttpResponse<String> chat(String token, String chatId, String question) throws Exception {
        return post("/api/hix/chat", cookie(token), chatBody(chatId, question));
    }

    private BufferedReader openStream(String token, String chatId, String question) throws Exception {
        HttpResponse<InputStream> response = http.send(request("/api/hix/chat", cookie(token))
                .POST(HttpRequest.BodyPublishers.ofString(chatBody(chatId, question))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    private static String chatBody(String chatId, String question) {
        return "{\"chatId\":\"" + chatId + "\",\"fileUrl\":\"\",\"question\":\"" + question + "\"}";
    }

    private HttpResponse<String> post(String path, String cookieHeader, String json) throws Exception {
        return http.send(request(path, cookieHeader).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(request(path, cookie(token)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String cookieHeader) {
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Cookie", cookieHeader).header("Content-Type", "application/json");
    }

    /** The data of each event, parsed as SSE: CRLF or LF, comments and other fields skipped. */
    private static List<String> sseData(String body) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : body.split("\r\n|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(data.toString());
                }
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }

    /** The concatenated content of the JSON events, skipping data that is not JSON. */
    private static String contents(List<String> data) {
        StringBuilder out = new StringBuilder();
        for (String item : data) {
            try {
                JsonNode node = JSON.readTree(item);
                if (node.has("content")) {
                    out.append(node.get("content").asText());
                }
            } catch (IOException notJson) {
                // malformed lines are skipped, as a tolerant client does
            }
        }
        return out.toString();
    }
}
