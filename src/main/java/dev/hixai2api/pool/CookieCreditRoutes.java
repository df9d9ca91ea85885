package dev.hixai2api.pool;

import dev.hixai2api.hix.Credits;
import dev.hixai2api.hix.HixRequest;
import dev.hixai2api.hix.HixFailureException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Re-reads a cookie's credit from HixAI's usage call and stores it; a cookie HixAI no longer accepts is
 * marked accordingly. Used after answers and by the refresh of the whole pool. A re-read starts from the stored
 * row (its token and version) and stores its result only if the row has not changed since.
 */
@Component
public class CookieCreditRoutes extends RouteBuilder {

    public static final String REFRESH_ONE = "direct:refreshCookieCredit";
    public static final String REFRESH_ALL = "direct:refreshAllCredits";
    public static final String COOKIE_ID_PROPERTY = "hixCookieId";
    private static final String STARTED_FROM_PROPERTY = "hixCookieReadStartedFrom";

    private final CookiePool pool;
    private final CookieRepository repository;
    private final CookiePoolMetrics metrics;

    public CookieCreditRoutes(CookiePool pool, CookieRepository repository, CookiePoolMetrics metrics) {
        this.pool = pool;
        this.repository = repository;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(REFRESH_ALL).routeId("refresh-all-credits")
                .process(exchange -> exchange.getMessage().setBody(repository.findAll()))
                .split(body()).parallelProcessing().executorService(refreshThreads())
                    .process(exchange -> exchange.setProperty(COOKIE_ID_PROPERTY,
                            exchange.getMessage().getBody(HixCookie.class).id()))
                    .to(REFRESH_ONE)
                .end()
                .process(exchange -> metrics.refreshed())
                .log("Refreshed the credits of ${body.size()} cookie(s)");

        from(REFRESH_ONE).routeId("refresh-cookie-credit")
                .process(this::startFromStoredRow)
                .filter(exchangeProperty(STARTED_FROM_PROPERTY).isNotNull())  // deleted meanwhile
                .doTry()
                    .to("direct:hixUsage")
                    .process(this::storeCredits)
                .doCatch(HixFailureException.class)
                    .process(this::storeFailure)
                .doCatch(Exception.class)
                    .log("Credit refresh of cookie #${exchangeProperty." + COOKIE_ID_PROPERTY
                            + "} failed: ${exception.message}")
                .end();
    }

    /** Read from the database, not the cache: the version must be the row's as the usage call starts. */
    private void startFromStoredRow(Exchange exchange) {
        repository.findById(exchange.getProperty(COOKIE_ID_PROPERTY, Long.class)).ifPresent(cookie -> {
            exchange.setProperty(STARTED_FROM_PROPERTY, cookie);
            exchange.getMessage().setBody(new HixRequest.Usage(cookie.token()));
        });
    }

    private void storeCredits(Exchange exchange) {
        pool.recordCredits(startedFrom(exchange), exchange.getMessage().getBody(Credits.class));
    }

    private void storeFailure(Exchange exchange) {
        HixFailureException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HixFailureException.class);
        pool.recordFailure(startedFrom(exchange), failure.failureClass(), failure.getMessage());
    }

    /** A few usage calls at a time: a large pool refreshes quickly without a burst against HixAI. */
    private java.util.concurrent.ExecutorService refreshThreads() {
        return getContext().getExecutorServiceManager().newFixedThreadPool(this, "credit-refresh", 4);
    }

    private static HixCookie startedFrom(Exchange exchange) {
        return exchange.getProperty(STARTED_FROM_PROPERTY, HixCookie.class);
    }
}
