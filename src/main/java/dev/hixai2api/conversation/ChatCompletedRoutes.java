package dev.hixai2api.conversation;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.persistence.ConversationRepository;
import dev.hixai2api.pool.CookieCreditRoutes;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.springframework.stereotype.Component;

/**
 * Book-keeping after each answer: the conversation record, then the cookie's fresh credit. Credit re-reads are
 * batched per cookie: however many answers a cookie gave within CREDIT_RECHECK_INTERVAL, one usage call
 * follows at the end of the interval, so the after-answer work keeps up with any load.
 */
@Component
public class ChatCompletedRoutes extends RouteBuilder {

    private static final String CREDIT_RECHECK = "credit-recheck";

    private final ConversationRepository conversations;
    private final long recheckMillis;
    private final MemoryAggregationRepository pendingCreditChecks = new MemoryAggregationRepository();

    public ChatCompletedRoutes(ConversationRepository conversations, GatewayProperties properties) {
        this.conversations = conversations;
        this.recheckMillis = properties.creditRecheckInterval().toMillis();
    }

    @Override
    public void configure() {
        from(ConversationRecorder.COMPLETED_ENDPOINT + "&concurrentConsumers=4").routeId("chat-completed")
                // queued records are written before the gateway stops (within camel.main.shutdown-timeout)
                .shutdownRunningTask(ShutdownRunningTask.CompleteAllTasks)
                .process(exchange -> {
                    CompletedChat chat = exchange.getMessage().getBody(CompletedChat.class);
                    if (chat.continued()) {
                        conversations.advance(chat.chatId(), chat.contextHash());
                    } else {
                        conversations.insert(chat.chatId(), chat.cookieId(), chat.model(), chat.contextHash());
                    }
                    exchange.setProperty(CookieCreditRoutes.COOKIE_ID_PROPERTY, chat.cookieId());
                })
                .aggregate(exchangeProperty(CookieCreditRoutes.COOKIE_ID_PROPERTY), AggregationStrategies.useLatest())
                    .id(CREDIT_RECHECK)
                    .aggregationRepository(pendingCreditChecks)
                    .completionInterval(recheckMillis)
                    .forceCompletionOnStop()
                    .parallelProcessing()
                    .to(CookieCreditRoutes.REFRESH_ONE)
                .end();
    }

    /** Whether a cookie's credit is still to be re-read after its latest answers, or being re-read. */
    public boolean creditChecksPending() {
        AggregateProcessor recheck = getContext().getProcessor(CREDIT_RECHECK, AggregateProcessor.class);
        // a completing group leaves the repository just before it counts as in progress: reading the count on
        // both sides of the keys narrows the moment in which neither shows it to a few instructions
        int inProgressBefore = recheck.getInProgressCompleteExchanges();
        return inProgressBefore > 0 || !pendingCreditChecks.getKeys().isEmpty()
                || recheck.getInProgressCompleteExchanges() > 0;
    }
}
