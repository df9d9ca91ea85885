package dev.hixai2api.openai;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders the OpenAI response shapes of one chat completion: {@code chat.completion.chunk} events,
 * the single {@code chat.completion}, and the OpenAI error object.
 */
public final class OpenAiResponses {

    private static final byte[] DONE_FRAME = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK_TAIL = "},\"finish_reason\":null}]}\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROLE_KEY = "\"role\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_KEY = "\"content\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REASONING_KEY = "\"reasoning_content\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOTE = {'"'};
    private static final byte[] COMMA = {','};
    private static final byte[] EMPTY = {};

    private final ObjectMapper mapper;
    private final String id;
    private final long created;
    private final String model;
    /** Everything of a content chunk before its delta's fields: the same for every chunk of the answer. */
    private final byte[] chunkHead;

    public OpenAiResponses(ObjectMapper mapper, String model) {
        this.mapper = mapper;
        this.model = model;
        this.id = newId();
        this.created = System.currentTimeMillis() / 1000;
        this.chunkHead = ("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + new String(quoted(model), StandardCharsets.UTF_8) + ",\"choices\":[{\"index\":0,\"delta\":{")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code chatcmpl-} and 24 random hex digits: unique without coordination between instances; not secret, so a
     * per-thread random source keeps the shared, synchronised SecureRandom off the hot path.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "chatcmpl-" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextInt());
    }

    /**
     * A content chunk, byte for byte what serialising {@link Chunk} gives, written without the object mapper: one
     * is sent per upstream event, so only the delta's strings are escaped (by Jackson's own encoder) each time.
     */
    public byte[] chunkFrame(String role, String content) {
        byte[] roleField = role == null ? EMPTY : concat(ROLE_KEY, quoted(role), content == null ? EMPTY : COMMA);
        byte[] contentField = content == null ? EMPTY : concat(CONTENT_KEY, quoted(content));
        return concat(chunkHead, roleField, contentField, CHUNK_TAIL);
    }

    /**
     * A chunk of a reasoning model's thinking apart from the answer, {@code delta.reasoning_content} as DeepSeek
     * streams it; written like a content chunk, byte for byte what serialising {@link Chunk} gives.
     */
    public byte[] reasoningFrame(String reasoning) {
        return concat(chunkHead, REASONING_KEY, quoted(reasoning), CHUNK_TAIL);
    }

    private static byte[] quoted(String text) {
        return concat(QUOTE, JsonStringEncoder.getInstance().quoteAsUTF8(text), QUOTE);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** @param finishReason stop, or length when the answer was cut at the client's token limit */
    public byte[] stopFrame(String finishReason) {
        return frame(new Chunk(id, "chat.completion.chunk", created, model,
                List.of(new ChunkChoice(0, new Delta(null, null, null, null), finishReason)), null));
    }

    /** The chunk of one tool call, whole: its id, name and all of its arguments. */
    public byte[] toolCallFrame(int index, dev.hixai2api.core.ToolCall call) {
        return frame(new Chunk(id, "chat.completion.chunk", created, model, List.of(new ChunkChoice(0,
                new Delta(null, null, null, List.of(ToolCallJson.of(index, call))), null)), null));
    }

    public byte[] usageFrame(dev.hixai2api.core.Usage usage) {
        return frame(new Chunk(id, "chat.completion.chunk", created, model, List.of(), Usage.of(usage)));
    }

    public byte[] doneFrame() {
        return DONE_FRAME.clone();
    }

    /**
     * @param content   null when the answer only calls tools
     * @param reasoning the thinking shown apart from the answer ({@code reasoning_content}), or null
     */
    public byte[] completion(String content, String reasoning, List<dev.hixai2api.core.ToolCall> calls,
                             String finishReason, dev.hixai2api.core.Usage usage) {
        List<ToolCallJson> toolCalls = calls.isEmpty() ? null
                : calls.stream().map(call -> ToolCallJson.of(null, call)).toList();
        return json(new Completion(id, "chat.completion", created, model, List.of(new CompletionChoice(0,
                new Message("assistant", content, reasoning, toolCalls), finishReason)),
                Usage.of(usage)));
    }

    private byte[] frame(Object event) {
        return dataFrame(json(event));
    }

    /** One SSE event whose data is the given JSON. */
    public static byte[] dataFrame(byte[] json) {
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
    public record Delta(String role, String content, @JsonProperty("reasoning_content") String reasoningContent,
                        @JsonProperty("tool_calls") List<ToolCallJson> toolCalls) {
    }

    /** A call in OpenAI's shape; {@code index} only in a stream's delta. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCallJson(Integer index, String id, String type, FunctionJson function) {
        static ToolCallJson of(Integer index, dev.hixai2api.core.ToolCall call) {
            return new ToolCallJson(index, call.id(), "function", new FunctionJson(call.name(), call.arguments()));
        }
    }

    public record FunctionJson(String name, String arguments) {
    }

    public record Completion(String id, String object, long created, String model, List<CompletionChoice> choices,
                      Usage usage) {
    }

    public record CompletionChoice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    public record Message(String role, String content,
                          @JsonInclude(JsonInclude.Include.NON_NULL)
                          @JsonProperty("reasoning_content") String reasoningContent,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("tool_calls")
                          List<ToolCallJson> toolCalls) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                 @JsonProperty("completion_tokens") int completionTokens,
                 @JsonProperty("total_tokens") int totalTokens) {
        static Usage of(dev.hixai2api.core.Usage usage) {
            return new Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens());
        }
    }
}
