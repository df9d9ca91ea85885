package dev.hixai2api.conversation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.pool.CookieCreditRoutes;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.processor.aggregate.MemoryAggregationRepository;
import org.springframework.stereotype.Component;

/**
 * The cookie's fresh credit after its answers, read in the background. Re-reads are batched per cookie: however
 * many answers a cookie gave within CREDIT_RECHECK_INTERVAL, one usage call follows at the end of the interval.
 * The answering thread only marks the cookie as answered; the first answer of an interval also opens the
 * cookie's group (no queue that could fill up, no thread hand-off), later ones of the interval cost a set lookup.
 */
@Component
public class ChatCompletedRoutes extends RouteBuilder {

    private static final String ENDPOINT = "direct:chatCompleted";
    private static final String CREDIT_RECHECK = "credit-recheck";

    private final long recheckMillis;
    private final MemoryAggregationRepository pendingCreditChecks = new MemoryAggregationRepository();
    /** Cookies with an open group: answers until the group completes need no exchange of their own. */
    private final Set<Long> grouped = ConcurrentHashMap.newKeySet();
    private final ProducerTemplate producer;

    public ChatCompletedRoutes(GatewayProperties properties, ProducerTemplate producer) {
        this.recheckMillis = properties.creditRecheckInterval().toMillis();
        this.producer = producer;
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
                    // before the usage call: an answer from now on opens the next group
                    .process(exchange -> grouped.remove(exchange.getProperty(CookieCreditRoutes.COOKIE_ID_PROPERTY,
                            Long.class)))
                    .to(CookieCreditRoutes.REFRESH_ONE)
                .end();
    }

    /** A cookie gave a complete answer: its credit is re-read at the end of the current interval. */
    public void answered(long cookieId) {
        if (grouped.add(cookieId)) {
            try {
                producer.sendBody(ENDPOINT, cookieId);
            } catch (RuntimeException e) {
                grouped.remove(cookieId);
                throw e;
            }
        }
    }

    /** Whether a cookie's credit is still to be re-read after its latest answers, or being re-read. */
    public boolean creditChecksPending() {
        AggregateProcessor recheck = getContext().getProcessor(CREDIT_RECHECK, AggregateProcessor.class);
        // a cookie leaves the set only once its group's completion counts as in progress, and it joins the set
        // before its group exists: read in this order, no moment shows neither
        return !grouped.isEmpty() || recheck.getInProgressCompleteExchanges() > 0;
    }
}
