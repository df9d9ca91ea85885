package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.hixai2api.simulator.ChatCall;
import org.junit.jupiter.api.Test;

/**
 * A whole agent loop with the official OpenAI Java SDK: the model calls a tool, the client runs it and sends the
 * result back, the model answers with it; every turn continues the same HixAI chat.
 */
class ToolCallingSdkE2ETest extends GatewayTestSupport {

    private static final ChatCompletionTool WEATHER = ChatCompletionTool.builder()
            .function(FunctionDefinition.builder().name("get_weather").description("The current weather of a city")
                    .parameters(FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty("properties", JsonValue.from(Map.of("city",
                                    Map.of("type", "string"))))
                            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                            .build())
                    .build())
            .build();

    @Test
    void anAgentLoopRunsToTheFinalAnswerInOneHixChat() {
        seedCookie("tok-a", 100);
        OpenAIClient client = client();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addTool(WEATHER).addUserMessage("What is the weather in Paris?");

        ChatCompletion first = client.chat().completions().create(params.build());

        ChatCompletionMessage called = first.choices().get(0).message();
        assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(called.content()).hasValue("I'll use get_weather.");
        ChatCompletionMessageToolCall call = called.toolCalls().orElseThrow().get(0);
        assertThat(call.id()).matches("call_[A-Za-z0-9]{24}");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(json(call.function().arguments()).path("city").asText()).isEqualTo("Paris");

        params.addMessage(called).addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id())
                .content("18 degrees and sunny").build());
        ChatCompletion last = client.chat().completions().create(params.build());

        assertThat(last.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(last.choices().get(0).message().content())
                .hasValue("Based on the tool results: 18 degrees and sunny.");
        assertThat(last.choices().get(0).message().toolCalls()).isEmpty();
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
        assertThat(calls.get(0).question()).contains("<tools>", "\"name\":\"get_weather\"")
                .endsWith("User: What is the weather in Paris?");
        assertThat(calls.get(1).question()).doesNotContain("<tools>")
                .endsWith("Tool result (get_weather, " + call.id() + "): 18 degrees and sunny");
    }

    @Test
    void aStreamedAgentLoopStreamsTheTextAndThenTheCall() {
        seedCookie("tok-a", 100);
        OpenAIClient client = client();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addTool(WEATHER).addUserMessage("What is the weather in Berlin?");

        StringBuilder text = new StringBuilder();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params.build())) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        ChatCompletion first = accumulator.chatCompletion();

        assertThat(text).hasToString("I'll use get_weather.");
        assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageToolCall call = first.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(json(call.function().arguments()).path("city").asText()).isEqualTo("Berlin");

        params.addMessage(first.choices().get(0).message()).addMessage(ChatCompletionToolMessageParam.builder()
                .toolCallId(call.id()).content("cloudy").build());
        StringBuilder answer = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params.build())) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(c -> c.delta().content().ifPresent(answer::append)));
        }

        assertThat(answer).hasToString("Based on the tool results: cloudy.");
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
    }

    private OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey("any").maxRetries(0).build();
    }
}
