package dev.hixai2api.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.FrontDoor;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.Usage;
import org.springframework.stereotype.Component;

/**
 * The Anthropic Messages dialect ({@code POST /v1/messages}): Anthropic's request, its {@code message} answer
 * with a {@code thinking} block ahead of the {@code text} block and the {@code tool_use} blocks after it, its event
 * stream and its error shape
 * {@code {"type":"error","error":{"type","message"}}}.
 */
@Component
public class AnthropicMessagesDoor implements FrontDoor {

    public static final String NAME = "anthropic-messages";

    /** Anthropic's error type for each kind; a 4xx it has no type for is an invalid_request_error. */
    private static final Map<ErrorKind, String> ERROR_TYPES = Map.ofEntries(
            Map.entry(ErrorKind.INVALID_REQUEST, "invalid_request_error"),
            Map.entry(ErrorKind.AUTHENTICATION, "authentication_error"),
            Map.entry(ErrorKind.PERMISSION, "permission_error"),
            Map.entry(ErrorKind.NOT_FOUND, "not_found_error"),
            Map.entry(ErrorKind.METHOD_NOT_ALLOWED, "invalid_request_error"),
            Map.entry(ErrorKind.TIMEOUT, "invalid_request_error"),
            Map.entry(ErrorKind.TOO_LARGE, "request_too_large"),
            Map.entry(ErrorKind.RATE_LIMITED, "rate_limit_error"),
            Map.entry(ErrorKind.INTERNAL, "api_error"),
            Map.entry(ErrorKind.UPSTREAM, "api_error"),
            Map.entry(ErrorKind.UNAVAILABLE, "overloaded_error"));
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 24;

    private final ObjectMapper mapper;
    private final AnthropicRequestParser parser;

    public AnthropicMessagesDoor(ObjectMapper mapper) {
        this.mapper = mapper;
        this.parser = new AnthropicRequestParser(mapper);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChatRequest parse(byte[] body) {
        return parser.parseMessages(body);
    }

    /** A {@code count_tokens} body: the same conversation, without max_tokens or stream. */
    public ChatRequest parseCountTokens(byte[] body) {
        return parser.parseCount(body);
    }

    /** {@code {"input_tokens": N}}. */
    public byte[] countTokensAnswer(int inputTokens) {
        return bytes(mapper.createObjectNode().put("input_tokens", inputTokens));
    }

    @Override
    public StreamRenderer streamRenderer(ChatRequest request) {
        return new AnthropicStreamRenderer(this, messageId(), request.model());
    }

    @Override
    public byte[] answer(ChatRequest request, List<AnswerEvent> events) {
        StringBuilder thinking = new StringBuilder();
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        AnswerEvent.End end = null;
        for (AnswerEvent event : events) {
            if (event instanceof AnswerEvent.Thinking t) {
                thinking.append(t.text());
            } else if (event instanceof AnswerEvent.Text t) {
                text.append(t.text());
            } else if (event instanceof AnswerEvent.ToolUse t) {
                calls.add(t.call());
            } else if (event instanceof AnswerEvent.End e) {
                end = e;
            } else if (event instanceof AnswerEvent.Broken b) {
                throw b.error();
            }
        }
        if (end == null) {
            throw new IllegalArgumentException("a complete answer ends with End");
        }
        ObjectNode message = message(messageId(), request.model(), end.usage());
        ArrayNode content = message.putArray("content");
        if (!thinking.isEmpty()) {
            content.add(thinkingBlock(thinking.toString()));
        }
        // an answer that only calls tools has no text block, as Anthropic's have none
        if (!text.isEmpty() || calls.isEmpty()) {
            content.add(textBlock(text.toString()));
        }
        calls.forEach(call -> content.add(toolUseBlock(call, arguments(call))));
        message.put("stop_reason", stopReason(end.reason()));
        message.put("stop_sequence", end.stopSequence());
        return bytes(message);
    }

    @Override
    public byte[] error(GatewayException error) {
        return bytes(errorNode(error.kind(), error.getMessage()));
    }

    /** The error for a status written in front of the routes (the gate, unknown paths): its kind's type. */
    public byte[] error(int status, String message) {
        return bytes(errorNode(kindOf(status), message));
    }

    ObjectNode errorNode(ErrorKind kind, String message) {
        ObjectNode root = mapper.createObjectNode().put("type", "error");
        root.putObject("error").put("type", ERROR_TYPES.get(kind)).put("message", message);
        return root;
    }

    /** A message with empty content and no stop reason yet, as message_start carries it. */
    ObjectNode message(String id, String model, Usage usage) {
        ObjectNode message = mapper.createObjectNode()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(usage));
        return message;
    }

    ObjectNode usage(Usage usage) {
        // the gateway caches nothing: the cache counts Anthropic's clients read are always zero
        return mapper.createObjectNode()
                .put("input_tokens", usage.inputTokens())
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", usage.outputTokens());
    }

    /** No signature: HixAI signs nothing, and the thinking is never sent back to be verified. */
    ObjectNode thinkingBlock(String thinking) {
        return mapper.createObjectNode().put("type", "thinking").put("thinking", thinking).put("signature", "");
    }

    ObjectNode textBlock(String text) {
        return mapper.createObjectNode().put("type", "text").put("text", text);
    }

    /** A tool_use block with the given input: the arguments, or {} as content_block_start carries it. */
    ObjectNode toolUseBlock(ToolCall call, JsonNode input) {
        ObjectNode block = mapper.createObjectNode().put("type", "tool_use").put("id", toolUseId(call.id()))
                .put("name", call.name());
        block.set("input", input);
        return block;
    }

    JsonNode arguments(ToolCall call) {
        try {
            return mapper.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine hands on calls whose arguments are a JSON object", e);
        }
    }

    /** Anthropic's ids are toolu_…: the engine's call_ id with its prefix swapped (ids never matter to continue). */
    static String toolUseId(String callId) {
        return "toolu_" + callId.substring(callId.indexOf('_') + 1);
    }

    ObjectNode node() {
        return mapper.createObjectNode();
    }

    static String stopReason(StopReason reason) {
        return switch (reason) {
            case END_TURN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
        };
    }

    byte[] bytes(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ErrorKind kindOf(int status) {
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind.status() == status) {
                return kind;
            }
        }
        return status >= 500 ? ErrorKind.INTERNAL : ErrorKind.INVALID_REQUEST;
    }

    private static String messageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
