package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"BACKEND_API_ENABLE=0", "SWAGGER_ENABLE=0"})
class DisabledFeaturesE2ETest extends GatewayTestSupport {

    @Test
    void withTheAdminApiDisabledEveryApiPathIs404() {
        for (String path : new String[] {"/api/auth/verify", "/api/key/all", "/api/cookie/all", "/api/cookie/credit/refresh"}) {
            assertThat(post(path, "{}", "Bearer " + BACKEND_SECRET).statusCode()).as(path).isEqualTo(404);
            assertThat(get(path, "Bearer " + BACKEND_SECRET).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(request("PUT", "/api/key", "{\"apiKey\":\"sk-some-key-0001\"}", "Bearer " + BACKEND_SECRET).statusCode()).isEqualTo(404);
        assertThat(apiKeys.findAll()).isEmpty();
    }

    @Test
    void withSwaggerDisabledTheUiAndTheDocumentAre404() {
        assertThat(get("/swagger/index.html", null).statusCode()).isEqualTo(404);
        assertThat(get("/swagger/openapi.json", null).statusCode()).isEqualTo(404);
        assertThat(get("/webjars/swagger-ui/swagger-ui-bundle.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenAiRoutesStillWork() {
        seedCookie("tok-a", 100);

        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null).statusCode()).isEqualTo(200);
    }
}
