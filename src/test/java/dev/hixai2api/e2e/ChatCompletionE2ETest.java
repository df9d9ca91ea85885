package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ChatCompletionE2ETest extends GatewayTestSupport {

    @Test
    void nonStreamingAnswerIsOneChatCompletion() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "Hi"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello there");
        assertThat(SIMULATOR.chatCalls()).hasSize(1);
        assertThat(SIMULATOR.chatCalls().get(0).question()).isEqualTo("Hi");
    }

    @Test
    void streamingAnswerIsChunksEndingInDone() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hello", " there"));

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "Hi"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.body()).contains("\"content\":\"Hello\"").endsWith("data: [DONE]\n\n");
    }
}
