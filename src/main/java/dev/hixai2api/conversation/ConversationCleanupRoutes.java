package dev.hixai2api.conversation;

import java.time.Duration;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.hix.HixRequest;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.persistence.ConversationRepository.ExpiredConversation;
import dev.hixai2api.persistence.ResponseRepository;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * CHAT_MAX_DAYS: conversation records older than that are deleted, and their chats at HixAI too. A chat
 * HixAI fails to delete is logged and its record deleted all the same, so one bad chat never blocks the rest.
 * Stored /v1/responses answers of that age go too: the chats they would continue are gone.
 */
@Component
public class ConversationCleanupRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:cleanupConversations";
    private static final String EXPIRED = "hixExpiredConversation";

    private final ConversationRepository conversations;
    private final ResponseRepository responses;
    private final int maxDays;

    public ConversationCleanupRoutes(ConversationRepository conversations, ResponseRepository responses,
                                     GatewayProperties properties) {
        this.conversations = conversations;
        this.responses = responses;
        this.maxDays = properties.chatMaxDays();
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("cleanup-conversations")
                .filter(exchange -> maxDays >= 0)
                .process(exchange -> exchange.getMessage().setBody(conversations.updatedBefore(
                        System.currentTimeMillis() - Duration.ofDays(maxDays).toMillis())))
                .split(body())
                    .process(exchange -> exchange.setProperty(EXPIRED, exchange.getMessage().getBody()))
                    .filter(exchange -> expired(exchange).cookieToken() != null)
                        .setBody(exchange -> new HixRequest.DeleteChat(expired(exchange).cookieToken(),
                                expired(exchange).chatId()))
                        .doTry()
                            .to("direct:hixDeleteChat")
                        .doCatch(Exception.class)
                            .log("Could not delete chat ${exchangeProperty." + EXPIRED + ".chatId} at HixAI: ${exception.message}")
                        .end()
                    .end()
                    .process(exchange -> conversations.delete(expired(exchange).id()))
                .end()
                .log("Conversation cleanup: ${body.size()} record(s) older than " + maxDays + " day(s) deleted")
                .process(exchange -> responses.deleteCreatedBefore(
                        System.currentTimeMillis() - Duration.ofDays(maxDays).toMillis()));
    }

    private static ExpiredConversation expired(Exchange exchange) {
        return exchange.getProperty(EXPIRED, ExpiredConversation.class);
    }
}
