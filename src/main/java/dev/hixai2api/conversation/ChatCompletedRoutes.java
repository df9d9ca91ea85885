package dev.hixai2api.conversation;

import dev.hixai2api.hix.HixCalls;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.pool.CookieCreditRoutes;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Book-keeping after each answer: the conversation record, then the cookie's fresh credit. */
@Component
public class ChatCompletedRoutes extends RouteBuilder {

    private final ConversationRepository conversations;

    public ChatCompletedRoutes(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Override
    public void configure() {
        from(ConversationRecorder.COMPLETED_ENDPOINT + "?concurrentConsumers=4").routeId("chat-completed")
                .process(exchange -> {
                    CompletedChat chat = exchange.getMessage().getBody(CompletedChat.class);
                    if (chat.continued()) {
                        conversations.advance(chat.chatId(), chat.contextHash());
                    } else {
                        conversations.insert(chat.chatId(), chat.cookieId(), chat.model(), chat.contextHash());
                    }
                    exchange.setProperty(HixCalls.TOKEN_PROPERTY, chat.cookieToken());
                    exchange.setProperty(CookieCreditRoutes.COOKIE_ID_PROPERTY, chat.cookieId());
                })
                .to(CookieCreditRoutes.REFRESH_ONE);
    }
}
