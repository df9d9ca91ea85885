package dev.hixai2api.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hixai2api.e2e.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A web app on another origin (a page served by a second HTTP server on another 127.0.0.1 port) calls the
 * gateway with fetch() in a real headless Chromium, which enforces CORS itself: preflight, Authorization header,
 * a streamed answer read chunk by chunk. Only the first page's origin is in CORS_ALLOWED_ORIGINS.
 */
class CorsBrowserTest extends GatewayTestSupport {

    /** What the pages run: a streamed chat with an API key, its text or the browser's error. */
    private static final String CALL = """
            const [url, init, done] = arguments;
            fetch(url, init)
              .then(async response => {
                const reader = response.body.getReader();
                const decoder = new TextDecoder();
                let chunks = 0, text = '';
                for (let part = await reader.read(); !part.done; part = await reader.read()) {
                  chunks++;
                  text += decoder.decode(part.value, {stream: true});
                }
                done({status: response.status, chunks, text});
              })
              .catch(error => done({error: error.name + ': ' + error.message}));
            """;

    private static final HttpServer ALLOWED_PAGE = pageServer();
    private static final HttpServer OTHER_PAGE = pageServer();
    private static ChromeDriver browser;
    private static HeadlessChromium chromium;

    @DynamicPropertySource
    static void allowTheFirstPage(DynamicPropertyRegistry registry) {
        registry.add("hixai2api.cors-allowed-origins", () -> origin(ALLOWED_PAGE));
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new HeadlessChromium(options -> { });
        browser = chromium.driver();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBrowserAndPages() throws IOException {
        ALLOWED_PAGE.stop(0);
        OTHER_PAGE.stop(0);
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPageOfAnAllowedOriginStreamsAChatAndReadsItsErrors() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-web-app");
        browser.get(origin(ALLOWED_PAGE) + "/");

        Map<String, Object> chat = call("/v1/chat/completions", "POST", "sk-web-app", chatBody("gpt-4o-mini", true, "hi"));
        Map<String, Object> wrongKey = call("/v1/models", "GET", "sk-wrong", null);

        assertThat(chat).doesNotContainKey("error").containsEntry("status", 200L);
        assertThat((String) chat.get("text")).contains("chat.completion.chunk").contains("data: [DONE]");
        assertThat((Long) chat.get("chunks")).isPositive();
        assertThat(wrongKey).doesNotContainKey("error").containsEntry("status", 401L);
        assertThat((String) wrongKey.get("text")).contains("invalid_api_key");
    }

    @Test
    void theBrowserRefusesAnotherOriginTheAnswerAndEveryOriginTheAdminApi() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-web-app");

        browser.get(origin(OTHER_PAGE) + "/");
        Map<String, Object> fromOther = call("/v1/chat/completions", "POST", "sk-web-app", chatBody("gpt-4o-mini", true, "hi"));
        browser.get(origin(ALLOWED_PAGE) + "/");
        Map<String, Object> admin = call("/api/status", "GET", BACKEND_SECRET, null);

        assertThat(fromOther.get("error")).asString().startsWith("TypeError");
        assertThat(admin.get("error")).asString().startsWith("TypeError");
        // refused at the preflight: the chat never reached HixAI
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String path, String method, String key, String body) {
        Map<String, Object> headers = body == null ? Map.of("Authorization", "Bearer " + key)
                : Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json");
        Map<String, Object> init = body == null ? Map.of("method", method, "headers", headers)
                : Map.of("method", method, "headers", headers, "body", body);
        return (Map<String, Object>) browser.executeAsyncScript(CALL, url(path), init);
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An empty page on a port of its own: its origin differs from the gateway's by the port alone. */
    private static HttpServer pageServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] page = "<!doctype html><title>web app</title>".getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
