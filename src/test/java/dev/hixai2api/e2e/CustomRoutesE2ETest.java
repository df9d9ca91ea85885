package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** ROUTES_DIR points the gateway at a user's own routes folder; its routes change what the gateway does. */
@TestPropertySource(properties = "ROUTES_DIR=src/test/resources/custom-routes")
class CustomRoutesE2ETest extends GatewayTestSupport {

    @Test
    void theUsersHookRoutesRunAroundEveryAnswer() {
        long cookieId = seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-Model")).hasValue("gpt-4o-mini");
        assertThat(response.headers().firstValue("X-Before-Hook")).hasValue("true");
        // the documented hook variables, not Java internals
        assertThat(response.headers().firstValue("X-Front-Door")).hasValue("openai-chat");
        assertThat(response.headers().firstValue("X-Hook-Cookie")).hasValue(String.valueOf(cookieId));
        assertThat(response.headers().firstValue("X-Hook-Request-Id")).isPresent()
                .isEqualTo(response.headers().firstValue("X-Request-Id"));
        assertThat(camelContext.getRoute("after-answer-hook").getSourceLocation()).contains("custom-routes/hooks.yaml");
        assertThat(camelContext.getRoute("credit-refresh-job")).as("routes/ itself is not loaded").isNull();
    }
}
