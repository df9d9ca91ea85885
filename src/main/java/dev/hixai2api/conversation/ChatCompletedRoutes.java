package dev.hixai2api.conversation;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.pool.CookieCreditRoutes;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.springframework.stereotype.Component;

/**
 * The cookie's fresh credit after its answers, read in the background. Re-reads are batched per cookie: however
 * many answers a cookie gave within CREDIT_RECHECK_INTERVAL, one usage call follows at the end of the interval.
 * The answering thread only adds the cookie to its group (no queue that could fill up, no thread hand-off).
 */
@Component
public class ChatCompletedRoutes extends RouteBuilder {

    /** Takes the id of the cookie that gave a complete answer. */
    public static final String ENDPOINT = "direct:chatCompleted";
    private static final String CREDIT_RECHECK = "credit-recheck";

    private final long recheckMillis;
    private final MemoryAggregationRepository pendingCreditChecks = new MemoryAggregationRepository();

    public ChatCompletedRoutes(GatewayProperties properties) {
        this.recheckMillis = properties.creditRecheckInterval().toMillis();
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("chat-completed")
                .setProperty(CookieCreditRoutes.COOKIE_ID_PROPERTY, body())
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
