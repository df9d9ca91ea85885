package dev.hixai2api.chat;

import java.util.Optional;

import dev.hixai2api.conversation.ConversationKey;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.persistence.ConversationRepository.StoredConversation;
import dev.hixai2api.pool.CookiePool;
import dev.hixai2api.pool.HixCookie;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * When the client's history is exactly what a stored HixAI chat holds, that chat's cookie can still pay for the
 * model, and this request wins the claim on the chat's record, the first attempt continues that chat with only
 * the new turn. Otherwise nothing is set and a new chat receives the whole conversation.
 */
@Component
public class FindConversation implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FindConversation.class);

    private final ConversationRepository conversations;
    private final CookiePool pool;

    public FindConversation(ConversationRepository conversations, CookiePool pool) {
        this.conversations = conversations;
        this.pool = pool;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        if (call.newTurn() == null) {
            return;
        }
        Optional<String> history = ConversationKey.ofHistory(call.tenant(), call.request().messages());
        Optional<StoredConversation> stored = history.flatMap(key -> conversations.findByContext(key, call.model().name()));
        Optional<HixCookie> owner = stored.flatMap(conversation -> pool.usable(conversation.cookieId(), call.model()));
        if (owner.isEmpty()) {
            return;
        }
        String chatId = stored.get().chatId();
        conversations.claim(chatId, history.get()).ifPresent(claim -> {
            call.continueChat(owner.get(), chatId, claim, stored.get().toolsDigest());
            // a failed or abandoned continuation (failover, error, client gone) gives the record back
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    release(call, chatId, history.get());
                }
            });
        });
    }

    private void release(ChatCall call, String chatId, String historyKey) {
        String claim = call.takeClaim();
        if (claim == null) {
            return;  // the answer completed and its record holds the claim's successor
        }
        try {
            conversations.release(chatId, claim, historyKey);
        } catch (DataAccessException e) {
            LOG.warn("The record of chat {} stays claimed ({}): its next turn opens a new chat with the whole "
                    + "conversation", chatId, e.getMessage());
        }
    }
}
