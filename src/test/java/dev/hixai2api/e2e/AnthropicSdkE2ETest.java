package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.hixai2api.core.TokenCounter;
import dev.hixai2api.simulator.ChatCall;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK, pointed at the gateway, as users' applications would be. */
class AnthropicSdkE2ETest extends GatewayTestSupport {

    private static final String KEY = "sk-anthropic-sdk-0001";
    private static final Tool WEATHER = Tool.builder().name("get_weather").description("The current weather of a city")
            .inputSchema(Tool.InputSchema.builder()
                    .properties(Tool.InputSchema.Properties.builder()
                            .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                    .required(List.of("city")).build())
            .build();

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

    @Test
    void anAgentLoopCallsAToolAndAnswersWithItsResultInOneHixChat() {
        seedCookie("tok-a", 100);
        AnthropicClient client = client("any");
        MessageCreateParams.Builder params = MessageCreateParams.builder().model("gpt-4o-mini").maxTokens(1024)
                .addTool(WEATHER).addUserMessage("What is the weather in Paris?");

        Message called = client.messages().create(params.build());
        ToolUseBlock use = theCall(called);
        Message answered = client.messages().create(withResult(params, called, use).build());

        assertThat(answered.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(answered.content()).singleElement().satisfies(block -> assertThat(block.text())
                .hasValueSatisfying(t -> assertThat(t.text()).contains("18 degrees and sunny")));
        assertOneHixChatSawTheResult(use);
    }

    @Test
    void aStreamedAgentLoopAccumulatesTheCallAndTheAnswer() {
        seedCookie("tok-a", 100);
        AnthropicClient client = client("any");
        MessageCreateParams.Builder params = MessageCreateParams.builder().model("gpt-4o-mini").maxTokens(1024)
                .addTool(WEATHER).addUserMessage("What is the weather in Paris?");

        Message called = accumulate(client, params.build());
        ToolUseBlock use = theCall(called);
        Message answered = accumulate(client, withResult(params, called, use).build());

        assertThat(answered.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(answered.content()).singleElement().satisfies(block -> assertThat(block.text())
                .hasValueSatisfying(t -> assertThat(t.text()).contains("18 degrees and sunny")));
        assertOneHixChatSawTheResult(use);
    }

    /** The answer's one call: get_weather for Paris, after the model's short text, stopping for the tool. */
    private static ToolUseBlock theCall(Message called) {
        assertThat(called.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(called.content()).extracting(ContentBlock::isText).containsExactly(true, false);
        assertThat(called.content().get(0).text()).hasValueSatisfying(t -> assertThat(t.text()).isNotBlank());
        ToolUseBlock use = called.content().get(1).toolUse().orElseThrow();
        assertThat(use.id()).matches("toolu_[A-Za-z0-9]{24}");
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().convert(Map.class)).containsEntry("city", "Paris");
        return use;
    }

    /** The next request as an agent sends it: the answer as it came, then the tool's result. */
    private static MessageCreateParams.Builder withResult(MessageCreateParams.Builder params, Message called,
                                                         ToolUseBlock use) {
        return params.addMessage(called).addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId(use.id()).content("18 degrees and sunny").build())));
    }

    private static void assertOneHixChatSawTheResult(ToolUseBlock use) {
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
        assertThat(calls.get(0).question()).contains("get_weather").contains("What is the weather in Paris?");
        assertThat(calls.get(1).question())
                .contains("Tool result (get_weather, " + use.id() + "): 18 degrees and sunny")
                .doesNotContain("What is the weather in Paris?");
    }

    private static Message accumulate(AnthropicClient client, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private AnthropicClient client(String apiKey) {
        return AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey(apiKey).maxRetries(0).build();
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage("Say hi").build();
    }
}
