package dev.hixai2api.pool;

import dev.hixai2api.hix.Credits;
import dev.hixai2api.hix.HixCalls;
import dev.hixai2api.hix.HixFailureException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Re-reads a cookie's credit from HixAI's usage call and stores it; a cookie HixAI no longer accepts is
 * marked accordingly. Used after every answer and by the refresh of the whole pool.
 */
@Component
public class CookieCreditRoutes extends RouteBuilder {

    public static final String REFRESH_ONE = "direct:refreshCookieCredit";
    public static final String COOKIE_ID_PROPERTY = "hixCookieId";

    private final CookiePool pool;

    public CookieCreditRoutes(CookiePool pool) {
        this.pool = pool;
    }

    @Override
    public void configure() {
        from(REFRESH_ONE).routeId("refresh-cookie-credit")
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

    private void storeCredits(Exchange exchange) {
        pool.recordCredits(cookieId(exchange), exchange.getMessage().getBody(Credits.class));
    }

    private void storeFailure(Exchange exchange) {
        HixFailureException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HixFailureException.class);
        pool.recordFailure(cookieId(exchange), failure.failureClass(), failure.getMessage());
    }

    private static long cookieId(Exchange exchange) {
        return exchange.getProperty(COOKIE_ID_PROPERTY, Long.class);
    }
}
