package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.hix.HixRequest;
import dev.hixai2api.proxy.HttpForwardProxy;
import dev.hixai2api.proxy.Socks5Proxy;
import dev.hixai2api.proxy.TestProxy;
import dev.hixai2api.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PROXY_URL: every HixAI call (usage, createChat, upload sign, the PUT to the presigned URL, the streamed chat,
 * deleteChat) crosses the proxy, an HTTP one or a SOCKS5 one; one gateway (Spring context) per proxy kind.
 */
class UpstreamProxyE2ETest {

    private static final String ADMIN = "Bearer " + GatewayTestSupport.BACKEND_SECRET;
    private static final String TOKEN = "tok-proxied";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
    private static final int PIECES = 8;
    private static final long EVENT_DELAY_MILLIS = 100;

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class ThroughAnHttpProxyWithCredentials extends ProxiedGateway {

        static final String PASSWORD = "pr0xy:s3cret@";
        static final HttpForwardProxy PROXY = HttpForwardProxy.startWithCredentials("gateway-user", PASSWORD);

        @DynamicPropertySource
        static void proxyUrl(DynamicPropertyRegistry registry) {
            registry.add("hixai2api.proxy-url", () -> "http://gateway-user:pr0xy%3As3cret%40@127.0.0.1:" + PROXY.port());
        }

        @AfterAll
        static void stopProxy() {
            PROXY.close();
        }

        @Test
        void everyHixAiCallIsForwardedByTheProxyAndItsPasswordIsNeverLogged(CapturedOutput output) {
            PROXY.clearRequests();

            List<Long> arrivals = everyHixAiCall();

            assertStreamedEventByEvent(arrivals);
            assertEveryCallCrossed(PROXY);
            // the proxy asked for credentials (407) and the gateway then sent them
            assertThat(PROXY.refusedRequests()).isPositive();
            assertThat(output.getAll())
                    .contains("Every HixAI call goes through the HTTP proxy http://***@127.0.0.1:" + PROXY.port())
                    .doesNotContain(PASSWORD)
                    .doesNotContain("pr0xy%3As3cret")
                    .doesNotContain("pr0xy");
        }
    }

    @Nested
    class ThroughASocks5Proxy extends ProxiedGateway {

        static final Socks5Proxy PROXY = Socks5Proxy.start();

        @DynamicPropertySource
        static void proxyUrl(DynamicPropertyRegistry registry) {
            registry.add("hixai2api.proxy-url", () -> "socks5://127.0.0.1:" + PROXY.port());
        }

        @AfterAll
        static void stopProxy() {
            PROXY.close();
        }

        @Test
        void everyHixAiConnectionIsTunnelledThroughTheProxy() {
            PROXY.clearRequests();

            List<Long> arrivals = everyHixAiCall();

            assertStreamedEventByEvent(arrivals);
            assertThat(PROXY.connects()).isNotEmpty()
                    .allSatisfy(connect -> assertThat(connect.target()).isEqualTo("127.0.0.1:" + SIMULATOR.port()))
                    .allSatisfy(connect -> assertThat(connect.addressType()).isEqualTo("ipv4"));
            assertEveryCallCrossed(PROXY);
        }
    }

    /** The scenario both gateways go through, and what must hold for both. */
    abstract static class ProxiedGateway extends GatewayTestSupport {

        /** Adds a cookie, streams a chat with an attachment, deletes the chat; the content chunks' arrival times. */
        List<Long> everyHixAiCall() {
            SIMULATOR.addAccount(TOKEN, 100);
            HttpResponse<String> added = request("PUT", "/api/cookie", "{\"cookie\":\"" + TOKEN + "\",\"remark\":\"proxied\"}", ADMIN);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < PIECES; i++) {
                pieces.add(" piece" + i);
            }
            SIMULATOR.answerWith(pieces);
            SIMULATOR.eventDelayMillis(EVENT_DELAY_MILLIS);
            long start = System.nanoTime();
            List<Long> arrivals = new ArrayList<>();
            HttpResponse<Stream<String>> answer = send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(streamedChatWithImage()))
                    .build());
            assertThat(answer.statusCode()).isEqualTo(200);
            answer.body().filter(line -> line.contains("\"content\":\" piece")).forEach(line ->
                    arrivals.add((System.nanoTime() - start) / 1_000_000));
            assertThat(SIMULATOR.uploads()).hasSize(1);
            assertThat(SIMULATOR.chatCalls()).hasSize(1);
            // the credit re-read after the answer is a HixAI call too: let it finish
            awaitAfterAnswerWork();

            String chatId = SIMULATOR.chatCalls().get(0).chatId();
            Exchange deleted = camelContext.createProducerTemplate().send("direct:hixDeleteChat",
                    exchange -> exchange.getMessage().setBody(new HixRequest.DeleteChat(TOKEN, chatId)));
            assertThat(deleted.getException()).isNull();
            assertThat(SIMULATOR.deletedChatIds()).containsExactly(chatId);
            return arrivals;
        }

        static void assertStreamedEventByEvent(List<Long> arrivals) {
            assertThat(arrivals).hasSize(PIECES);
            long spread = arrivals.get(PIECES - 1) - arrivals.get(0);
            assertThat(spread).as("arrivals %s ms", arrivals).isGreaterThan((PIECES - 1) * EVENT_DELAY_MILLIS * 2 / 3);
        }

        /** Every request HixAI received crossed the proxy, and every kind of HixAI call is among them. */
        static void assertEveryCallCrossed(TestProxy proxy) {
            List<String> received = SIMULATOR.requests().stream().map(ProxiedGateway::describe).sorted().toList();
            List<String> crossed = proxy.requests().stream().map(r -> r.method() + " " + r.path()).sorted().toList();
            assertThat(crossed).isEqualTo(received);
            assertThat(proxy.requests()).allSatisfy(r -> assertThat(r.target()).isEqualTo("127.0.0.1:" + SIMULATOR.port()));
            assertThat(crossed)
                    .contains("GET /api/trpc/hixChat.getUsedBotList,subLog.getSubLog,subUsage.getSubUsage")
                    .contains("POST /api/trpc/hixChat.createChat")
                    .contains("POST /api/upload/sign")
                    .contains("POST /api/hix/chat")
                    .contains("POST /api/trpc/hixChat.deleteChat")
                    .anySatisfy(line -> assertThat(line).startsWith("PUT /upload/").endsWith(".png"));
            assertThat(proxy.connections()).allSatisfy(target -> assertThat(target).isEqualTo("127.0.0.1:" + SIMULATOR.port()));
        }

        private static String describe(RecordedRequest request) {
            return request.method() + " " + request.path();
        }

        private static String streamedChatWithImage() {
            ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o-mini").put("stream", true);
            ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
            content.addObject().put("type", "text").put("text", "What is in this picture?");
            content.addObject().put("type", "image_url").putObject("image_url")
                    .put("url", "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
            return body.toString();
        }

        private static HttpResponse<Stream<String>> send(HttpRequest request) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
