package dev.hixai2api.chat;

import java.util.List;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.TokenCounter;
import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.hix.QuestionBuilder;
import dev.hixai2api.tools.ToolHistory;
import org.springframework.stereotype.Component;

/**
 * The input tokens of a request as the engine counts them for its usage: the usage tokenizer over the question a
 * new HixAI chat would receive (PRE_MESSAGES_JSON, the tool and answer-format instructions and the fold to the
 * model's input limit included).
 */
@Component
public class CountInputTokens {

    private final PreMessages preMessages;
    private final ModelRegistry models;

    public CountInputTokens(PreMessages preMessages, ModelRegistry models) {
        this.preMessages = preMessages;
        this.models = models;
    }

    /** @throws dev.hixai2api.core.GatewayException NOT_FOUND for an unknown model, INVALID_REQUEST for an input too long */
    public int count(ChatRequest request) {
        List<ChatMessage> messages = OpenChat.newChat(ToolHistory.asText(request.messages()), Instructions.of(request));
        QuestionBuilder.Question question = QuestionBuilder.build(messages, preMessages.messages(),
                OpenChat.selection(models, request.model()).model());
        return TokenCounter.count(question.text());
    }
}
