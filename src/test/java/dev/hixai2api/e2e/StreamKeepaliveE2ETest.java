package dev.hixai2api.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Failure;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * STREAM_KEEPALIVE as a client behind a proxy sees it: while HixAI is slow, comment lines arrive every
 * interval; a failure after they started fails over unseen or ends the stream with an SSE error event.
 */
@TestPropertySource(properties = {"STREAM_KEEPALIVE=300ms", "UPSTREAM_FIRST_BYTE_TIMEOUT=2s",
        "UPSTREAM_IDLE_TIMEOUT=1500ms", "MAX_ATTEMPTS=3"})
class StreamKeepaliveE2ETest extends GatewayTestSupport {

    private static final String COMMENT = ": keep-alive";

    @Test
    void aSlowCreateChatGetsCommentsEveryIntervalBeforeTheAnswer() {
        seedCookie("tok-a", 100);
        SIMULATOR.createChatDelayMillis(1_000);

        List<Line> lines = streamLines(chatBody("gpt-4o-mini", true, "hi"));

        List<Line> before = lines.subList(0, firstData(lines));
        assertThat(before).extracting(Line::text).containsOnly(COMMENT, "");
        assertThat(comments(before)).as("comments at about 300, 600 and 900 ms of the 1 s createChat").hasSizeBetween(2, 4);
        assertThat(before.get(0).millis()).as("the first comment after one interval, not at the answer")
                .isBetween(250L, 800L);
        assertThat(text(lines)).isEqualTo("Hello from HixAI. You asked: hi");
        assertThat(lines.get(lines.size() - 2).text()).isEqualTo("data: [DONE]");
    }

    @Test
    void aFailureWithinTheIntervalKeepsItsOwnStatus() {
        // no cookie at all: the answer fails at once, before any comment
        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("no_valid_cookies");
    }

    @Test
    void aChatCallThatTimesOutAfterTheCommentsStartedFailsOverToAnotherCookie() {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        // the first chat call sends nothing for 3 s: UPSTREAM_FIRST_BYTE_TIMEOUT (2 s) ends it, long after the head
        SIMULATOR.failNext(Failure.SLOW_FIRST_BYTE);

        List<Line> lines = streamLines(chatBody("gpt-4o-mini", true, "hi"));

        assertThat(comments(lines.subList(0, firstData(lines)))).as("about 2 s of waiting").hasSizeGreaterThanOrEqualTo(5);
        assertThat(text(lines)).isEqualTo("Hello from HixAI. You asked: hi");
        assertThat(lines.get(lines.size() - 2).text()).isEqualTo("data: [DONE]");
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::token).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void whenEveryCookieFailsAfterTheCommentsStartedTheStreamEndsWithAnErrorEvent() {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        SIMULATOR.createChatDelayMillis(400);
        SIMULATOR.failAlways(Failure.SERVER_ERROR);

        List<Line> lines = streamLines(chatBody("gpt-4o-mini", true, "hi"));

        List<String> data = lines.stream().map(Line::text).filter(text -> text.startsWith("data: ")).toList();
        assertThat(lines.get(0).text()).isEqualTo(COMMENT);
        assertThat(data).hasSize(1);
        assertThat(json(data.get(0).substring(6)).at("/error/code").asText()).isEqualTo("all_attempts_failed");
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    @Test
    void aLongPauseMidStreamGetsCommentsBetweenTheEvents() {
        seedCookie("tok-a", 100);
        SIMULATOR.pauseAfterFirstContentMillis(1_000);

        List<Line> lines = streamLines(chatBody("gpt-4o-mini", true, "hi"));

        int first = firstContent(lines);
        List<Line> afterFirst = lines.subList(first + 1, lines.size());
        int next = firstContent(afterFirst);
        assertThat(firstData(lines.subList(0, first))).as("no comment before the quick first event").isZero();
        assertThat(comments(afterFirst.subList(0, next))).as("comments in the 1 s pause").hasSizeBetween(2, 4);
        assertThat(text(lines)).isEqualTo("Hello from HixAI. You asked: hi");
        assertThat(lines.get(lines.size() - 2).text()).isEqualTo("data: [DONE]");
    }

    @Test
    void aStalledStreamGetsCommentsAndStillEndsAfterTheIdleTimeout() {
        seedCookie("tok-a", 100);
        SIMULATOR.failNext(Failure.STALL_MID_STREAM);

        List<Line> lines = streamLines(chatBody("gpt-4o-mini", true, "hi"));

        List<Line> data = lines.stream().filter(line -> line.text().startsWith("data: ")).toList();
        Line error = data.get(data.size() - 1);
        assertThat(json(error.text().substring(6)).at("/error/code").asText()).isEqualTo("upstream_stream_interrupted");
        assertThat(comments(lines)).as("comments during the 1.5 s of silence").hasSizeBetween(3, 6);
        assertThat(error.millis() - data.get(data.size() - 2).millis()).as("UPSTREAM_IDLE_TIMEOUT of 1.5 s")
                .isBetween(1_400L, 3_000L);
        assertThat(lines).extracting(Line::text).doesNotContain("data: [DONE]");
    }

    @Test
    void aClientLeavingWhileHixAiIsSlowCutsTheAnswerOnceItStarts() throws IOException {
        seedCookie("tok-a", 100);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pieces.add(" w" + i);
        }
        SIMULATOR.answerWith(pieces);
        SIMULATOR.eventDelayMillis(50);
        SIMULATOR.createChatDelayMillis(1_000);
        String reached = streamUntilThenLeave(chatBody("gpt-4o-mini", true, "long answer"),
                line -> line.equals(COMMENT));
        assertThat(reached).isNotNull();

        // the answer starts about 1 s after the request and its 40 events take 2 s more: it is cut at its start
        await().atMost(Duration.ofMillis(2_500)).until(() -> SIMULATOR.abortedStreams() == 1);
        assertThat(SIMULATOR.completedStreams()).isZero();
    }

    @Test
    void theOpenAiSdkReadsAStreamWithComments() {
        seedCookie("tok-a", 100);
        SIMULATOR.createChatDelayMillis(700);
        SIMULATOR.pauseAfterFirstContentMillis(700);
        SIMULATOR.answerWith(List.of("Kept", " alive"));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = OpenAIOkHttpClient.builder().baseUrl(url("/v1"))
                .apiKey("any").maxRetries(0).build().chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hi").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text).hasToString("Kept alive");
    }

    /** One line of the response body and when it arrived, in milliseconds after the request was sent. */
    record Line(String text, long millis) {
    }

    /** Reads the stream line by line as it arrives, the way an SSE client does. */
    private List<Line> streamLines(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            List<Line> lines = new ArrayList<>();
            try (Stream<String> stream = response.body()) {
                stream.forEach(line -> lines.add(new Line(line, (System.nanoTime() - start) / 1_000_000)));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int firstData(List<Line> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).text().startsWith("data: ")) {
                return i;
            }
        }
        return lines.size();
    }

    private static int firstContent(List<Line> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).text();
            if (line.startsWith("data: {") && !json(line.substring(6)).at("/choices/0/delta/content").asText().isEmpty()) {
                return i;
            }
        }
        return lines.size();
    }

    private static List<Line> comments(List<Line> lines) {
        return lines.stream().filter(line -> line.text().equals(COMMENT)).toList();
    }

    private static String text(List<Line> lines) {
        StringBuilder text = new StringBuilder();
        lines.stream().map(Line::text).filter(line -> line.startsWith("data: {"))
                .forEach(line -> text.append(json(line.substring(6)).at("/choices/0/delta/content").asText()));
        return text.toString();
    }
}
