package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** What operators watch: JMX MBeans, actuator health and Prometheus metrics, request ids in the logs. */
@DisableJmx(false)
@AutoConfigureObservability
@TestPropertySource(properties = "spring.jmx.enabled=true")
@ExtendWith(OutputCaptureExtension.class)
class MonitoringE2ETest extends GatewayTestSupport {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @Test
    void camelRouteMBeansAreRegistered() throws Exception {
        assertThat(JMX.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null))
                .extracting(name -> name.getKeyProperty("name"))
                .contains("\"chat\"", "\"openai-chat\"", "\"hix-chat\"", "\"credit-refresh-job\"");
    }

    @Test
    void theTrafficMBeanCountsRequestsStreamsFailoversAndErrors() throws Exception {
        ObjectName traffic = new ObjectName("hixai2api:type=Traffic");
        seedCookie("tok-dead-000001", 100);
        seedCookie("tok-alive-00001", 100);
        SIMULATOR.account("tok-dead-000001").setLoggedIn(false);
        long requests = (Long) JMX.getAttribute(traffic, "Requests");
        long failovers = (Long) JMX.getAttribute(traffic, "Failovers");
        long notFound = errors(traffic).getOrDefault("model_not_found", 0L);

        post("/v1/chat/completions", chatBody("no-such-model", false, "hi"), null);
        // selection is random: ask until the dead cookie was tried and the request failed over
        int sent = 1;
        while (sent < 40 && (Long) JMX.getAttribute(traffic, "Failovers") == failovers) {
            post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
            sent++;
        }
        SIMULATOR.eventDelayMillis(300);
        CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", true, "tell me more"))).build(),
                HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(5)).until(() -> (Long) JMX.getAttribute(traffic, "OpenStreams") == 1L);
        slow.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> (Long) JMX.getAttribute(traffic, "OpenStreams") == 0L);
        assertThat((Long) JMX.getAttribute(traffic, "Requests")).isEqualTo(requests + sent + 1);
        assertThat(errors(traffic).get("model_not_found")).isEqualTo(notFound + 1);
        assertThat((Long) JMX.getAttribute(traffic, "Failovers")).isGreaterThan(failovers);
    }

    @Test
    void theCookiePoolMBeanShowsStatesCreditsAndTheLastRefresh() throws Exception {
        ObjectName pool = new ObjectName("hixai2api:type=CookiePool");
        long dead = seedCookie("tok-one-0000001", 100);
        seedSubscriber("tok-two-0000002", 50, 20);
        cookies.markFailure(dead, dev.hixai2api.pool.CookieState.DISABLED, "DEAD_SESSION: test");

        camelContext.createProducerTemplate().sendBody("direct:refreshAllCredits", null);

        assertThat(JMX.getAttribute(pool, "ActiveCookies")).isEqualTo(2L);
        assertThat(JMX.getAttribute(pool, "TotalStandardCredit")).isEqualTo(150L);
        assertThat(JMX.getAttribute(pool, "TotalAdvancedCredit")).isEqualTo(20L);
        assertThat((String) JMX.getAttribute(pool, "LastRefresh")).isNotEmpty();
        SIMULATOR.account("tok-one-0000001").setLoggedIn(false);
        camelContext.createProducerTemplate().sendBody("direct:refreshAllCredits", null);
        assertThat(JMX.getAttribute(pool, "DisabledCookies")).isEqualTo(1L);
    }

    @Test
    void livenessIsUpAndReadinessNeedsAUsableCookie() {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get("/actuator/health/readiness", null);
        seedCookie("tok-ready-00001", 100);
        HttpResponse<String> ready = get("/actuator/health/readiness", null);

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusShowsTheGatewayAndRouteMetrics() {
        seedCookie("tok-prom-000001", 100);
        post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        String metrics = get("/actuator/prometheus", null).body();

        assertThat(metrics).contains("hixai2api_requests_total", "hixai2api_streams_open", "hixai2api_cookies{state=\"active\"}")
                .contains("camel_exchanges_total");
        // one timer per front door and per HixAI call; the engine's inner routes add none (CPU per request)
        assertThat(metrics).contains("routeId=\"openai-chat\"", "routeId=\"hix-chat\"")
                .doesNotContain("routeId=\"chat-attempts\"", "routeId=\"chat-attempt\"", "routeId=\"chat-answer\"",
                        "routeId=\"chat\"");
        // Spring's per-request observation is off: the doors' route timers count and time the same requests
        assertThat(metrics).doesNotContain("http_server_requests");
    }

    @Test
    void everyResponseHasARequestIdThatTheLogLinesOfThatRequestCarry(CapturedOutput output) {
        seedCookie("tok-log-0000001", 100);
        // a failure that leaves the cookie usable, so both requests reach HixAI and log why they failed
        SIMULATOR.failAlways(dev.hixai2api.simulator.Failure.CLOUDFLARE_CHALLENGE);

        HttpResponse<String> generated = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        HttpResponse<String> kept = send("trace-0123456789");

        String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).hasSizeGreaterThan(8);
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("trace-0123456789");
        assertThat(output.getOut()).contains("[" + id + "]").contains("[trace-0123456789]");
        List<String> lines = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            if (line.contains("Chat request failed")) {
                lines.add(line);
            }
        }
        assertThat(lines).allSatisfy(line -> assertThat(line).containsAnyOf("[" + id + "]", "[trace-0123456789]"));
    }

    @Test
    void noSecretReachesTheLogs(CapturedOutput output) {
        String token = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..secret-session-value";
        SIMULATOR.addAccount(token, 100);
        request("PUT", "/api/cookie", "{\"cookie\":\"" + token + "\"}", "Bearer " + BACKEND_SECRET);
        request("PUT", "/api/key", "{\"apiKey\":\"sk-very-secret-api-key\"}", "Bearer " + BACKEND_SECRET);
        post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-very-secret-api-key");
        post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-wrong-api-key-000");
        SIMULATOR.account(token).setLoggedIn(false);
        post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-very-secret-api-key");

        assertThat(output.getAll()).doesNotContain("secret-session-value").doesNotContain("sk-very-secret-api-key")
                .doesNotContain("sk-wrong-api-key-000").doesNotContain(BACKEND_SECRET);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> errors(ObjectName traffic) throws Exception {
        return (Map<String, Long>) JMX.getAttribute(traffic, "ErrorsByClass");
    }

    private HttpResponse<String> send(String requestId) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                    .header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", false, "hi"))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
