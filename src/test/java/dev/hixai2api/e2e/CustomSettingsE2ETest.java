package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.ModelType;
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
        "MODELS_FILE=src/test/resources/custom-models.yaml",
        "MODEL_MAPPING={\"gpt-4\":\"gpt-4o-mini\",\"claude-sonnet-4\":\"claude-3-7-sonnet\"}",
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

    @Test
    void theModelsFileAddsAModelOfANewBot() {
        seedCookie("tok-a", 100);
        SIMULATOR.addBot(new HixModel("hix-new-bot", 99001, ModelType.STANDARD, 2, 8000));

        HttpResponse<String> response = post("/hf/v1/chat/completions", chatBody("hix-new-bot-search", false, "hi"),
                null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("model").asText()).isEqualTo("hix-new-bot-search");
        assertThat(SIMULATOR.chatCalls()).singleElement().satisfies(call -> {
            assertThat(call.botId()).isEqualTo(99001);
            assertThat(call.searchType()).isEqualTo("internet");
        });
    }

    @Test
    void theModelsFileChangesACreditAndAliasesAreListedWithTheirModel() {
        seedCookie("tok-a", 100);

        List<String> listed = modelIds(json(get("/hf/v1/models", null).body()));
        HttpResponse<String> gpt4o = post("/hf/v1/chat/completions", chatBody("gpt-4o", false, "hi"), null);

        // gpt-4o now costs 500 (30 in the packaged table); claude-sonnet-4's model needs advanced credit
        assertThat(listed).contains("gpt-4o-mini", "hix-new-bot", "gpt-4").doesNotContain("gpt-4o", "claude-sonnet-4");
        assertThat(listed.indexOf("gpt-4")).as("aliases after the models").isEqualTo(listed.size() - 1);
        assertThat(gpt4o.statusCode()).isEqualTo(503);
        assertThat(json(gpt4o.body()).path("error").path("code").asText()).isEqualTo("no_valid_cookies");
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    @Test
    void anAliasIsServedByItsModelAndAnswersUnderTheAlias() {
        seedSubscriber("tok-sub", 100, 100);

        HttpResponse<String> plain = post("/hf/v1/chat/completions", chatBody("gpt-4", false, "hi"), null);
        HttpResponse<String> streamed = post("/hf/v1/chat/completions", chatBody("claude-sonnet-4-news", true, "hi"),
                null);

        assertThat(json(plain.body()).path("model").asText()).as(plain.body()).isEqualTo("gpt-4");
        assertThat(ChatCompletionE2ETest.dataEvents(streamed.body()))
                .allSatisfy(chunk -> assertThat(chunk.path("model").asText()).isEqualTo("claude-sonnet-4-news"));
        HttpResponse<String> anthropic = post("/hf/v1/messages",
                "{\"model\":\"gpt-4\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hey\"}]}", null);
        assertThat(json(anthropic.body()).path("model").asText()).as(anthropic.body()).isEqualTo("gpt-4");
        assertThat(SIMULATOR.chatCalls()).extracting(call -> call.botId() + " " + call.searchType())
                .containsExactly("86 null", "85429 news", "86 null");
        assertThat(modelIds(json(get("/hf/v1/models", null).body()))).endsWith("gpt-4", "claude-sonnet-4");
    }

    private static List<String> modelIds(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }
}
