package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
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
    void theSdkListsModelsAndSeesErrors() {
        seedCookie("tok-a", 100);
        OpenAIClient client = client("any");

        List<String> ids = client.models().list().data().stream().map(Model::id).toList();

        assertThat(ids).contains("gpt-4o-mini");
        assertThatThrownBy(() -> client.chat().completions().create(params("no-such-model")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist");
    }

    private OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(apiKey).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hi").build();
    }
}
