package dev.hixai2api.openai;

import dev.hixai2api.core.Usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiResponsesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The JSON of a {@code data: <json>\n\n} frame, after checking the framing. */
    private JsonNode frameJson(byte[] frame) throws Exception {
        String text = new String(frame, StandardCharsets.UTF_8);
        assertThat(text).startsWith("data: ").endsWith("\n\n");
        String json = text.substring(6, text.length() - 2);
        assertThat(json).doesNotContain("\n");
        return mapper.readTree(json);
    }

    @Test
    void chunkFrameIsDataLineWithChunkJson() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        OpenAiResponses responses = new OpenAiResponses(mapper, "gpt-4o-search");
        long after = System.currentTimeMillis() / 1000;
        JsonNode chunk = frameJson(responses.chunkFrame(null, "Hello"));
        assertThat(chunk.path("id").asText()).startsWith("chatcmpl-");
        assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(chunk.path("created").isIntegralNumber()).isTrue();
        assertThat(chunk.path("created").asLong()).isBetween(before, after);
        assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o-search");
        assertThat(chunk.path("choices")).hasSize(1);
        JsonNode choice = chunk.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("delta")).isEqualTo(mapper.readTree("{\"content\":\"Hello\"}"));
        assertThat(choice.has("finish_reason")).isTrue();
        assertThat(choice.path("finish_reason").isNull()).isTrue();
        assertThat(chunk.has("usage")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "", "quote \" backslash \\ slash /", "line\nbreak\ttab\u0001\u001f", "中文 ünï 😀",
            "</script><think>", "\u2028\u2029"})
    void chunkFramesAreByteForByteTheSerialisedChunkRecord(String content) throws Exception {
        String model = "gpt-4o \"quoted\" 模型";
        OpenAiResponses responses = new OpenAiResponses(mapper, model);
        for (String role : new String[] {null, "assistant"}) {
            byte[] frame = responses.chunkFrame(role, content);
            JsonNode parsed = frameJson(frame);
            OpenAiResponses.Chunk record = new OpenAiResponses.Chunk(parsed.path("id").asText(), "chat.completion.chunk",
                    parsed.path("created").asLong(), model, List.of(new OpenAiResponses.ChunkChoice(0,
                            new OpenAiResponses.Delta(role, content, null, null), null)), null);

            assertThat(new String(frame, StandardCharsets.UTF_8))
                    .isEqualTo("data: " + mapper.writeValueAsString(record) + "\n\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Let me think", "", "quote \" backslash \\", "line\nbreak\u0001", "中文 😀", "\u2028"})
    void reasoningFramesAreByteForByteTheSerialisedChunkRecordWithReasoningContentOnly(String reasoning)
            throws Exception {
        OpenAiResponses responses = new OpenAiResponses(mapper, "deepseek-r1");
        byte[] frame = responses.reasoningFrame(reasoning);
        JsonNode parsed = frameJson(frame);
        OpenAiResponses.Chunk record = new OpenAiResponses.Chunk(parsed.path("id").asText(), "chat.completion.chunk",
                parsed.path("created").asLong(), "deepseek-r1", List.of(new OpenAiResponses.ChunkChoice(0,
                        new OpenAiResponses.Delta(null, null, reasoning, null), null)), null);

        assertThat(new String(frame, StandardCharsets.UTF_8))
                .isEqualTo("data: " + mapper.writeValueAsString(record) + "\n\n");
        assertThat(parsed.at("/choices/0/delta")).isEqualTo(mapper.createObjectNode().put("reasoning_content", reasoning));
    }

    @Test
    void createdIsInSecondsNotMillis() throws Exception {
        JsonNode chunk = frameJson(new OpenAiResponses(mapper, "m").chunkFrame(null, "x"));
        long nowSeconds = System.currentTimeMillis() / 1000;
        assertThat(chunk.path("created").asLong()).isBetween(nowSeconds - 5, nowSeconds + 5);
    }

    @Test
    void roleChunkCarriesAssistantRole() throws Exception {
        JsonNode chunk = frameJson(new OpenAiResponses(mapper, "m").chunkFrame("assistant", ""));
        assertThat(chunk.path("choices").get(0).path("delta"))
                .isEqualTo(mapper.readTree("{\"role\":\"assistant\",\"content\":\"\"}"));
    }

    @Test
    void stopFrameHasEmptyDeltaAndStopFinishReason() throws Exception {
        JsonNode chunk = frameJson(new OpenAiResponses(mapper, "m").stopFrame("stop"));
        JsonNode choice = chunk.path("choices").get(0);
        assertThat(choice.path("delta")).isEqualTo(mapper.readTree("{}"));
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void usageFrameHasNoChoicesAndTheUsage() throws Exception {
        JsonNode chunk = frameJson(new OpenAiResponses(mapper, "m").usageFrame(new Usage(3, 4)));
        assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(chunk.path("choices").isArray()).isTrue();
        assertThat(chunk.path("choices")).isEmpty();
        assertThat(chunk.path("usage"))
                .isEqualTo(mapper.readTree("{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}"));
    }

    @Test
    void allFramesOfOneResponseShareIdCreatedAndModel() throws Exception {
        OpenAiResponses responses = new OpenAiResponses(mapper, "deepseek-r1");
        JsonNode a = frameJson(responses.chunkFrame("assistant", ""));
        JsonNode b = frameJson(responses.chunkFrame(null, "x"));
        JsonNode c = frameJson(responses.stopFrame("stop"));
        JsonNode d = frameJson(responses.usageFrame(new Usage(1, 1)));
        for (String field : new String[] {"id", "created", "model"}) {
            assertThat(b.path(field)).isEqualTo(a.path(field));
            assertThat(c.path(field)).isEqualTo(a.path(field));
            assertThat(d.path(field)).isEqualTo(a.path(field));
        }
    }

    @Test
    void idsAreUniqueAcrossInstances() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String id = frameJson(new OpenAiResponses(mapper, "m").stopFrame("stop")).path("id").asText();
            assertThat(id).matches("chatcmpl-[0-9a-f]{24}");
            ids.add(id);
        }
        assertThat(ids).hasSize(500);
    }

    @Test
    void doneFrameIsDataDone() {
        OpenAiResponses responses = new OpenAiResponses(mapper, "m");
        assertThat(new String(responses.doneFrame(), StandardCharsets.US_ASCII)).isEqualTo("data: [DONE]\n\n");
        responses.doneFrame()[0] = 'X';
        assertThat(new String(responses.doneFrame(), StandardCharsets.US_ASCII)).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void completionIsChatCompletionWithMessageAndUsage() throws Exception {
        OpenAiResponses responses = new OpenAiResponses(mapper, "gpt-4o");
        JsonNode completion = mapper.readTree(responses.completion("Hello world", null, List.of(), "stop",
                new Usage(5, 2)));
        assertThat(completion.path("id").asText()).startsWith("chatcmpl-");
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(completion.path("created").asLong()).isBetween(System.currentTimeMillis() / 1000 - 5,
                System.currentTimeMillis() / 1000 + 5);
        JsonNode choice = completion.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message"))
                .isEqualTo(mapper.readTree("{\"role\":\"assistant\",\"content\":\"Hello world\"}"));
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.path("usage"))
                .isEqualTo(mapper.readTree("{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}"));
    }

    @Test
    void completionShowsReasoningApartWhenThereIsSome() throws Exception {
        JsonNode completion = mapper.readTree(new OpenAiResponses(mapper, "deepseek-r1")
                .completion("Answer", "Let me think", List.of(), "stop", new Usage(5, 2)));

        assertThat(completion.at("/choices/0/message")).isEqualTo(mapper.readTree(
                "{\"role\":\"assistant\",\"content\":\"Answer\",\"reasoning_content\":\"Let me think\"}"));
    }

    @Test
    void chunkContentWithNewlinesAndUnicodeStaysOnOneDataLine() throws Exception {
        JsonNode chunk = frameJson(new OpenAiResponses(mapper, "m").chunkFrame(null, "<think>\n世界\n</think>\n\n"));
        assertThat(chunk.path("choices").get(0).path("delta").path("content").asText()).isEqualTo("<think>\n世界\n</think>\n\n");
    }

    @Test
    void errorBodyOfKeepsNullParamAndCode() throws Exception {
        JsonNode body = mapper.readTree(mapper.writeValueAsString(
                OpenAiErrorBody.of("invalid_request_error", null, null, "bad")));
        assertThat(body).isEqualTo(mapper.readTree(
                "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));
    }
}
