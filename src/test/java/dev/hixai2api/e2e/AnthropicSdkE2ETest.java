package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.hixai2api.core.TokenCounter;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK, pointed at the gateway, as users' applications would be. */
class AnthropicSdkE2ETest extends GatewayTestSupport {

    private static final String KEY = "sk-anthropic-sdk-0001";

    @Test
    void theSdkReadsAPlainMessage() {
        seedCookie("tok-a", 100);
        seedApiKey(KEY);
        SIMULATOR.answerWith(List.of("Hi", " from", " HixAI"));

        Message message = client(KEY).messages().create(params("gpt-4o-mini"));

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).text()).hasValueSatisfying(t -> assertThat(t.text()).isEqualTo("Hi from HixAI"));
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(TokenCounter.count("Say hi"));
        assertThat(message.usage().outputTokens()).isEqualTo(TokenCounter.count("Hi from HixAI"));
    }

    @Test
    void theSdkAccumulatesAStreamOfAReasoningModel() {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Streamed", " answer"));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client("any").messages().createStreaming(params("deepseek-r1"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content()).extracting(ContentBlock::isThinking).containsExactly(true, false);
        assertThat(message.content().get(0).thinking()).hasValueSatisfying(t -> assertThat(t.thinking()).isNotBlank());
        assertThat(message.content().get(1).text()).hasValueSatisfying(t -> assertThat(t.text()).isEqualTo("Streamed answer"));
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void theSdkCountsTokensAndSeesErrors() {
        seedCookie("tok-a", 100);
        seedApiKey(KEY);

        long tokens = client(KEY).messages().countTokens(MessageCountTokensParams.builder()
                .model("gpt-4o-mini").addUserMessage("Say hi").build()).inputTokens();

        assertThat(tokens).isEqualTo(TokenCounter.count("Say hi"));
        assertThatThrownBy(() -> client(KEY).messages().create(params("no-such-model")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> client("sk-not-a-stored-key").messages().create(params("gpt-4o-mini")))
                .isInstanceOf(UnauthorizedException.class);
    }

    private AnthropicClient client(String apiKey) {
        return AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey(apiKey).maxRetries(0).build();
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage("Say hi").build();
    }
}
