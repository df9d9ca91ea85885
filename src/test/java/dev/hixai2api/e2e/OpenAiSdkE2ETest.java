package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import dev.hixai2api.core.TokenCounter;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at the gateway, as users' applications would be. */
class OpenAiSdkE2ETest extends GatewayTestSupport {

    @Test
    void theSdkReadsAPlainCompletion() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-sdk-key-000001");
        SIMULATOR.answerWith(List.of("Hi", " from", " HixAI"));

        ChatCompletion completion = client("sk-sdk-key-000001").chat().completions().create(params("gpt-4o-mini"));

        assertThat(completion.choices().get(0).message().content()).hasValue("Hi from HixAI");
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens())
                .isEqualTo(TokenCounter.count("Hi from HixAI")));
    }

    @Test
    void theSdkReadsAStream() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Streamed", " answer"));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                     client("any").chat().completions().createStreaming(params("gpt-4o-mini"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text).hasToString("Streamed answer");
    }

    @Test
    void theSdksStopTokenLimitAndSamplingKnobsWorkAndReasoningComesApartOnRequest() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Think", " first", ". ST", "OP here"));
        OpenAIClient client = client("any");
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("deepseek-r1")
                .addUserMessage("Why?").stop("STOP").maxCompletionTokens(50).temperature(0.2).seed(7).user("u-1")
                .putAdditionalBodyProperty("reasoning_format", JsonValue.from("reasoning_content")).build();

        ChatCompletion completion = client.chat().completions().create(params);
        StringBuilder streamedText = new StringBuilder();
        StringBuilder streamedReasoning = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().flatMap(chunk -> chunk.choices().stream()).forEach(choice -> {
                choice.delta().content().ifPresent(streamedText::append);
                JsonValue reasoning = choice.delta()._additionalProperties().get("reasoning_content");
                if (reasoning != null) {
                    reasoning.asString().ifPresent(streamedReasoning::append);
                }
            });
        }

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).hasValue("Think first. ");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(choice.message()._additionalProperties().get("reasoning_content").asString())
                .hasValue("Let me think about it.");
        assertThat(streamedText).hasToString("Think first. ");
        assertThat(streamedReasoning).hasToString("Let me think about it.");
        assertThatThrownBy(() -> client.chat().completions().create(params.toBuilder().n(2).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'n'");
    }

    @Test
    void theSdkListsModelsAndSeesErrors() {
        seedCookie("tok-a", 100);
        OpenAIClient client = client("any");

        List<String> ids = client.models().list().data().stream().map(Model::id).toList();

        assertThat(ids).contains("gpt-4o-mini");
        assertThatThrownBy(() -> client.chat().completions().create(params("no-such-model")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void theSdkCreatesContinuesAndRetrievesResponses() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Hi", " from", " HixAI"));
        OpenAIClient client = client("any");

        Response first = client.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini")
                .instructions("Be brief").input("Say hi").build());
        Response second = client.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini")
                .instructions("Be brief").input("Again").previousResponseId(first.id()).build());
        Response retrieved = client.responses().retrieve(second.id());

        first.validate();
        retrieved.validate();
        assertThat(text(first)).isEqualTo("Hi from HixAI");
        assertThat(first.usage()).hasValueSatisfying(u -> assertThat(u.outputTokens())
                .isEqualTo(TokenCounter.count("Hi from HixAI")));
        assertThat(retrieved.id()).isEqualTo(second.id());
        assertThat(retrieved.previousResponseId()).hasValue(first.id());
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
        assertThat(SIMULATOR.chatCalls().get(1).chatId()).isEqualTo(SIMULATOR.chatCalls().get(0).chatId());
        assertThat(SIMULATOR.chatCalls().get(1).question()).isEqualTo("Again");
        assertThatThrownBy(() -> client.responses().retrieve("resp_unknown")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSdkReadsAResponsesStreamWithReasoning() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Streamed", " answer"));

        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        List<Response> completed = new java.util.ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client("any").responses().createStreaming(
                ResponseCreateParams.builder().model("deepseek-r1").input("Why?").build())) {
            stream.stream().forEach(event -> {
                event.validate();
                event.reasoningSummaryTextDelta().ifPresent(d -> reasoning.append(d.delta()));
                event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                event.completed().ifPresent(c -> completed.add(c.response()));
            });
        }

        assertThat(reasoning).hasToString("Let me think about it.");
        assertThat(text).hasToString("Streamed answer");
        assertThat(completed).singleElement().satisfies(r -> assertThat(text(r)).isEqualTo("Streamed answer"));
    }

    private static String text(Response response) {
        return response.output().stream().flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(ResponseOutputText::text).collect(java.util.stream.Collectors.joining());
    }

    private OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(apiKey).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hi").build();
    }
}
