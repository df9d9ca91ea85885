package dev.hixai2api.openai;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.FrontDoor;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.Usage;
import org.springframework.stereotype.Component;

/**
 * POST /v1/chat/completions: the OpenAI chat dialect. Reasoning reaches the client as REASONING_FORMAT (or the
 * request's {@code reasoning_format}) says: a {@code <think>} block in the text, {@code reasoning_content} apart
 * from it, or not at all; tool calls as {@code message.tool_calls} (streamed: one {@code delta.tool_calls} chunk
 * per call) with {@code finish_reason: "tool_calls"}.
 */
@Component
public class OpenAiChatDoor implements FrontDoor {

    public static final String NAME = "openai-chat";

    private final ChatCompletionRequestParser parser;
    private final ObjectMapper mapper;
    private final ReasoningFormat defaultReasoning;

    public OpenAiChatDoor(ChatCompletionRequestParser parser, ObjectMapper mapper, GatewayProperties properties) {
        this.parser = parser;
        this.mapper = mapper;
        this.defaultReasoning = ReasoningFormat.named(properties.reasoningFormat()).orElseThrow();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChatRequest parse(byte[] body) {
        ChatCompletionRequest request = parser.parse(body);
        ChatCompletionOptions options = request.options();
        ReasoningFormat format = options.reasoning() != null ? options.reasoning() : defaultReasoning;
        return new ChatRequest(request.model(), request.messages(), request.stream(), options.limits(),
                format.style(), request.includeUsage(), request.tools(), options.format());
    }

    @Override
    public StreamRenderer streamRenderer(ChatRequest request) {
        OpenAiResponses responses = new OpenAiResponses(mapper, request.model());
        return new StreamRenderer() {
            @Override
            public List<byte[]> start() {
                return List.of(responses.chunkFrame("assistant", ""));
            }

            @Override
            public List<byte[]> event(AnswerEvent event) {
                if (event instanceof AnswerEvent.Text text) {
                    return List.of(responses.chunkFrame(null, text.text()));
                }
                if (event instanceof AnswerEvent.Thinking thinking) {
                    return List.of(responses.reasoningFrame(thinking.text()));
                }
                if (event instanceof AnswerEvent.ToolUse use) {
                    return List.of(responses.toolCallFrame(use.index(), use.call()));
                }
                if (event instanceof AnswerEvent.End end) {
                    List<byte[]> frames = new ArrayList<>(3);
                    frames.add(responses.stopFrame(finishReason(end.reason())));
                    if (request.streamUsage()) {
                        frames.add(responses.usageFrame(end.usage()));
                    }
                    frames.add(responses.doneFrame());
                    return frames;
                }
                if (event instanceof AnswerEvent.Broken broken) {
                    // no [DONE] follows: the client must not take the cut answer for a whole one
                    return List.of(OpenAiResponses.dataFrame(error(broken.error())));
                }
                return List.of();
            }
        };
    }

    @Override
    public byte[] answer(ChatRequest request, List<AnswerEvent> events) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        Usage usage = new Usage(0, 0);
        StopReason reason = StopReason.END_TURN;
        for (AnswerEvent event : events) {
            if (event instanceof AnswerEvent.Text text) {
                content.append(text.text());
            } else if (event instanceof AnswerEvent.Thinking thinking) {
                reasoning.append(thinking.text());
            } else if (event instanceof AnswerEvent.ToolUse use) {
                calls.add(use.call());
            } else if (event instanceof AnswerEvent.End end) {
                usage = end.usage();
                reason = end.reason();
            }
        }
        // a message that only calls tools has no content, as OpenAI's own; reasoning_content only where there was
        // thinking to show apart (ReasoningStyle.BLOCKS)
        String text = calls.isEmpty() || !content.isEmpty() ? content.toString() : null;
        return new OpenAiResponses(mapper, request.model()).completion(text,
                reasoning.isEmpty() ? null : reasoning.toString(), calls, finishReason(reason), usage);
    }

    @Override
    public byte[] error(GatewayException error) {
        try {
            return mapper.writeValueAsBytes(OpenAiErrorBody.of(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error records always serialise", e);
        }
    }

    private static String finishReason(StopReason reason) {
        return switch (reason) {
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            default -> "stop";
        };
    }
}
