package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paths and methods no route serves: each API answers in its own error shape, other paths keep Spring's. */
class FrontDoorE2ETest extends GatewayTestSupport {

    private static final String KEY = "sk-front-door-key-0001";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /v1/nope,                404, unknown_url",
            "POST,   /v1/chat/completion,     404, unknown_url",
            "GET,    /v1,                     404, unknown_url",
            "GET,    /v1/models/gpt-4o-mini,  404, unknown_url",
            "POST,   /v1/models,              405, method_not_allowed",
            "GET,    /v1/chat/completions,    405, method_not_allowed",
            "DELETE, /v1/chat/completions,    405, method_not_allowed"})
    void theOpenAiApiAnswersUnknownPathsAndWrongMethodsInItsShape(String method, String path, int status, String code) {
        seedApiKey(KEY);

        HttpResponse<String> response = request(method, path, method.equals("POST") ? "{}" : null, "Bearer " + KEY);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = json(response.body()).path("error");
        assertThat(json(response.body()).size()).as(response.body()).isEqualTo(1);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asText()).contains(method + " " + path);
    }

    @Test
    void aWrongMethodSaysWhichOnesAreAllowed() {
        HttpResponse<String> response = get("/v1/chat/completions", null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(response.body()).path("error").path("message").asText()).endsWith("allowed: POST.");
    }

    @Test
    void aBrowserAskingForHtmlGetsTheSameJson() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/nope")))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("unknown_url");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,   /api/nope,          404",
            "GET,   /api,               404",
            "POST,  /api/cookie/nope/x, 404",
            "PATCH, /api/key,           405",
            "GET,   /api/auth/verify,   405"})
    void theAdminApiAnswersUnknownPathsAndWrongMethodsInItsEnvelope(String method, String path, int status) {
        HttpResponse<String> response = request(method, path, null, "Bearer " + BACKEND_SECRET);

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode envelope = json(response.body());
        assertThat(envelope.path("code").asInt()).as(response.body()).isEqualTo(1);
        assertThat(envelope.path("message").asText()).contains(method + " " + path);
        assertThat(envelope.has("data")).isTrue();
        assertThat(envelope.size()).isEqualTo(3);
    }

    @Test
    void otherPathsKeepSpringsAnswers() {
        HttpResponse<String> unknown = get("/nope", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).path("path").asText()).isEqualTo("/nope");
        // a path that only starts like an API is no API's
        assertThat(json(get("/v1nope", null).body()).path("status").asInt()).isEqualTo(404);
        assertThat(json(get("/apis/x", null).body()).path("status").asInt()).isEqualTo(404);

        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/swagger/index.html", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }
}
