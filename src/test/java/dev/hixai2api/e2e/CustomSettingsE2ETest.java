package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** The settings users know from the Go tool, given under their environment-variable names. */
@TestPropertySource(properties = {
        "ROUTE_PREFIX=hf",
        "REASONING_HIDE=1",
        "PRE_MESSAGES_JSON=[{\"role\":\"system\",\"content\":\"Answer in French.\"}]",
        "MAX_BODY_SIZE=2KB",
        "logging.level.hixai2api.hooks=TRACE"})
@ExtendWith(OutputCaptureExtension.class)
class CustomSettingsE2ETest extends GatewayTestSupport {


    @Autowired
    private HikariDataSource dataSource;

    @Test
    void theDatabasePoolTakesHikarisOwnSettings() {
        // GatewayTestSupport sets spring.datasource.hikari.maximum-pool-size=5, as an operator may
        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(5);
        assertThat(dataSource.getMinimumIdle()).isEqualTo(1);
    }

    @Test
    void theHookRoutesOfTheRoutesFolderAreLoadedAndRun(CapturedOutput output) {
        seedCookie("tok-a", 100);

        post("/hf/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(camelContext.getRoute("before-upstream-hook").getSourceLocation()).contains("routes/hooks.yaml");
        assertThat(camelContext.getRoute("after-answer-hook")).isNotNull();
        assertThat(output.getOut()).containsPattern("before upstream: openai-chat gpt-4o-mini on cookie #\\d+")
                .containsPattern("answer ready: openai-chat gpt-4o-mini \\(request [0-9a-f-]+\\)");
    }

    @Test
    void routePrefixMovesTheOpenAiRoutes() {
        seedCookie("tok-a", 100);

        assertThat(post("/hf/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null).statusCode()).isEqualTo(200);
        assertThat(get("/hf/v1/models", null).statusCode()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null).statusCode()).isEqualTo(404);
        // the console's playground finds them there
        assertThat(json(get("/api/status", "Bearer " + BACKEND_SECRET).body()).path("data").path("openAiPath").asText())
                .isEqualTo("/hf/v1");
    }

    @Test
    void unknownPathsUnderThePrefixedAndThePlainV1AnswerInTheOpenAiShape() {
        for (String path : new String[] {"/hf/v1/nope", "/v1/chat/completions"}) {
            HttpResponse<String> response = post(path, chatBody("gpt-4o-mini", false, "hi"), null);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response.body()).path("error").path("code").asText()).as(response.body()).isEqualTo("unknown_url");
        }
        HttpResponse<String> wrongMethod = get("/hf/v1/chat/completions", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod.body()).path("error").path("code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void theOpenApiDocumentShowsThePrefixedPaths() {
        var doc = json(get("/swagger/openapi.json", null).body());

        assertThat(OpenApiE2ETest.operations(doc)).contains("post /hf/v1/chat/completions", "get /hf/v1/models",
                "put /api/cookie").doesNotContain("post /v1/chat/completions");
    }

    @Test
    void reasoningHideDropsTheThinkBlock() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Only", " this"));

        HttpResponse<String> plain = post("/hf/v1/chat/completions", chatBody("deepseek-r1", false, "why"), null);
        HttpResponse<String> streamed = post("/hf/v1/chat/completions", chatBody("deepseek-r1", true, "why"), null);

        assertThat(json(plain.body()).path("choices").get(0).path("message").path("content").asText()).isEqualTo("Only this");
        assertThat(ChatCompletionE2ETest.contentOf(ChatCompletionE2ETest.dataEvents(streamed.body()))).isEqualTo("Only this");
        assertThat(streamed.body()).doesNotContain("think");
    }

    @Test
    void preMessagesGoAfterTheLastSystemMessage() {
        seedCookie("tok-a", 100);
        String body = """
                {"model":"gpt-4o-mini","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"Hello"}]}""";

        post("/hf/v1/chat/completions", body, null);
        post("/hf/v1/chat/completions", chatBody("gpt-4o-mini", false, "Bonjour"), null);

        assertThat(SIMULATOR.chatCalls().get(0).question())
                .isEqualTo("System: Be brief.\n\nSystem: Answer in French.\n\nUser: Hello");
        assertThat(SIMULATOR.chatCalls().get(1).question()).isEqualTo("System: Answer in French.\n\nUser: Bonjour");
    }

    @Test
    void aBodyOverTheCapIs413() {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/hf/v1/chat/completions", chatBody("gpt-4o-mini", false, "x".repeat(3000)), null);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("request_too_large");
        assertThat(SIMULATOR.requests()).isEmpty();
    }
}
