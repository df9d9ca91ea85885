package dev.hixai2api.chat;

import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.TokenCounter;
import dev.hixai2api.hix.QuestionBuilder;
import org.springframework.stereotype.Component;

/**
 * The input tokens of a request as the engine counts them for its usage: the usage tokenizer over the question a
 * new HixAI chat would receive (PRE_MESSAGES_JSON and the fold to the model's input limit included).
 */
@Component
public class CountInputTokens {

    private final PreMessages preMessages;

    public CountInputTokens(PreMessages preMessages) {
        this.preMessages = preMessages;
    }

    /** @throws dev.hixai2api.core.GatewayException NOT_FOUND for an unknown model, INVALID_REQUEST for an input too long */
    public int count(ChatRequest request) {
        QuestionBuilder.Question question = QuestionBuilder.build(request.messages(), preMessages.messages(),
                OpenChat.selection(request.model()).model());
        return TokenCounter.count(question.text());
    }
}
