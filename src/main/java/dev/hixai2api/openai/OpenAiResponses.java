package dev.hixai2api.openai;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders the OpenAI response shapes of one chat completion: {@code chat.completion.chunk} events,
 * the single {@code chat.completion}, and the OpenAI error object.
 */
public final class OpenAiResponses {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DONE_FRAME = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;
    private final String id;
    private final long created;
    private final String model;

    public OpenAiResponses(ObjectMapper mapper, String model) {
        this.mapper = mapper;
        this.model = model;
        this.id = newId();
        this.created = System.currentTimeMillis() / 1000;
    }

    /** {@code chatcmpl-} and 24 random hex digits: unique without coordination between instances. */
    static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "chatcmpl-" + HexFormat.of().formatHex(bytes);
    }

    public byte[] chunkFrame(String role, String content) {
        return frame(new Chunk(id, "chat.completion.chunk", created, model,
                List.of(new ChunkChoice(0, new Delta(role, content), null)), null));
    }

    public byte[] stopFrame() {
        return frame(new Chunk(id, "chat.completion.chunk", created, model,
                List.of(new ChunkChoice(0, new Delta(null, null), "stop")), null));
    }

    public byte[] usageFrame(TokenCounter.Usage usage) {
        return frame(new Chunk(id, "chat.completion.chunk", created, model, List.of(), Usage.of(usage)));
    }

    public byte[] doneFrame() {
        return DONE_FRAME.clone();
    }

    /** The event that ends a stream the upstream broke after it had started: no [DONE] follows it. */
    public byte[] errorFrame(String message) {
        return frame(OpenAiErrorBody.of("upstream_error", "upstream_stream_interrupted", null, message));
    }

    public byte[] completion(String content, TokenCounter.Usage usage) {
        return json(new Completion(id, "chat.completion", created, model,
                List.of(new CompletionChoice(0, new Message("assistant", content), "stop")), Usage.of(usage)));
    }

    private byte[] frame(Object event) {
        byte[] json = json(event);
        byte[] frame = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
        System.arraycopy(json, 0, frame, 6, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response records always serialise", e);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices, Usage usage) {
    }

    public record ChunkChoice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }

    public record Completion(String id, String object, long created, String model, List<CompletionChoice> choices,
                      Usage usage) {
    }

    public record CompletionChoice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    public record Message(String role, String content) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                 @JsonProperty("completion_tokens") int completionTokens,
                 @JsonProperty("total_tokens") int totalTokens) {
        static Usage of(TokenCounter.Usage usage) {
            return new Usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
        }
    }
}
