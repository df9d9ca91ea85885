package dev.hixai2api.conversation;

import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.pool.CookiePool;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * When the client's history is exactly what a stored HixAI chat holds, and that chat's cookie can still pay
 * for the model, the first attempt continues that chat with only the new turn. Otherwise nothing is set and a
 * new chat receives the whole conversation.
 */
@Component
public class FindConversation implements Processor {

    private final ConversationRepository conversations;
    private final CookiePool pool;

    public FindConversation(ConversationRepository conversations, CookiePool pool) {
        this.conversations = conversations;
        this.pool = pool;
    }

    @Override
    public void process(Exchange exchange) {
        HixChatCall call = HixChatCall.of(exchange);
        if (call.newTurn() == null) {
            return;
        }
        ConversationKey.ofHistory(call.tenant(), call.messages())
                .flatMap(key -> conversations.findByContext(key, call.model().name()))
                .ifPresent(stored -> pool.usable(stored.cookieId(), call.model())
                        .ifPresent(cookie -> call.continueChat(cookie, stored.chatId())));
    }
}
