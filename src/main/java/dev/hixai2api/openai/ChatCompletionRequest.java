package dev.hixai2api.openai;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.Tools;
import java.util.List;

/** The parts of an OpenAI chat completion request the gateway acts on. */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, boolean stream, boolean includeUsage,
                                    ChatCompletionOptions options, Tools tools) {
}
