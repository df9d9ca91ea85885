package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ModelListE2ETest extends GatewayTestSupport {

    @Test
    void withoutCookiesNoModelIsListed() {
        JsonNode body = json(get("/v1/models", null).body());

        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data")).isEmpty();
    }

    @Test
    void aStandardCookieListsTheStandardModelsItCanPayFor() {
        seedCookie("tok-a", 30);

        List<String> ids = ids(json(get("/v1/models", null).body()));

        assertThat(ids).contains("deepseek-r1", "gpt-4o-mini", "gpt-4o").doesNotContain("claude-2", "gpt4", "gpt-4-turbo");
    }

    @Test
    void aSubscriberWithAdvancedCreditAddsTheAdvancedModels() {
        seedSubscriber("tok-sub", 10, 45);

        JsonNode body = json(get("/v1/models", null).body());
        List<String> ids = ids(body);

        assertThat(ids).contains("gpt4", "claude-3-opus", "gpt-4-turbo", "deepseek-r1").doesNotContain("claude-3-opus-200k", "gpt-4o");
        assertThat(body.path("data").get(0).path("object").asText()).isEqualTo("model");
        assertThat(body.path("data").get(0).path("owned_by").asText()).isEqualTo("hixai");
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }
}
