package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/**
 * A request to a door is served in one pass (api.InlinePlatformHttp): one dispatch through the filters and Spring
 * MVC, in which the route runs, and the response complete when that dispatch returns. Camel's Spring Boot engine
 * started an asynchronous request, ran the route on a second thread and dispatched every request a second time.
 */
@Import(EngineFrontDoorE2ETest.LinesDoorConfiguration.class)
class InlineServingE2ETest extends GatewayTestSupport {

    @Test
    void everyDoorServesARequestInOneDispatch() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));
        DispatchRecorder.DISPATCHES.clear();

        HttpResponse<String> stream = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);
        HttpResponse<String> messages = post("/v1/messages", """
                {"model":"gpt-4o-mini","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}""", null);
        HttpResponse<String> responses = post("/v1/responses",
                "{\"model\":\"gpt-4o-mini\",\"input\":\"hi\",\"stream\":true}", null);
        HttpResponse<String> models = get("/v1/models", null);
        HttpResponse<String> refused = post("/v1/chat/completions", "{\"model\":", null);

        assertThat(stream.body()).contains("\"content\":\"Hello\"").endsWith("data: [DONE]\n\n");
        assertThat(messages.statusCode()).isEqualTo(200);
        assertThat(responses.body()).contains("response.completed");
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(400);
        // the recorder notes a dispatch once it has returned, which may be just after the client has the answer
        await().atMost(Duration.ofSeconds(5)).until(() -> DispatchRecorder.DISPATCHES.values().stream()
                .mapToInt(List::size).sum() >= 5);
        assertThat(DispatchRecorder.DISPATCHES).containsOnlyKeys(
                "/v1/chat/completions", "/v1/messages", "/v1/responses", "/v1/models");
        assertThat(DispatchRecorder.DISPATCHES.get("/v1/chat/completions"))
                .as("a stream and a refusal, each one REQUEST dispatch that returned with its response complete")
                .containsExactly("REQUEST complete", "REQUEST complete");
        assertThat(DispatchRecorder.DISPATCHES.get("/v1/messages")).containsExactly("REQUEST complete");
        assertThat(DispatchRecorder.DISPATCHES.get("/v1/responses")).containsExactly("REQUEST complete");
        assertThat(DispatchRecorder.DISPATCHES.get("/v1/models")).containsExactly("REQUEST complete");
    }

    /** Each dispatch of a request: its type, and whether the request went on asynchronously after it. */
    static final class DispatchRecorder implements Filter {

        static final Map<String, List<String>> DISPATCHES = new ConcurrentHashMap<>();

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            try {
                chain.doFilter(request, response);
            } finally {
                HttpServletRequest http = (HttpServletRequest) request;
                DISPATCHES.computeIfAbsent(http.getRequestURI(), uri -> Collections.synchronizedList(new ArrayList<>()))
                        .add(request.getDispatcherType() + (request.isAsyncStarted() ? " continues" : " complete"));
            }
        }
    }
}
