package dev.hixai2api.chat;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.hix.FailureClass;
import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.monitoring.TrafficMetrics;
import dev.hixai2api.pool.CookiePool;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The three steps of the chat route's redelivery policy: note what went wrong on the cookie, decide whether
 * another cookie is worth a try, and put that cookie in place before the attempt is redelivered.
 */
@Component
public class CookieFailover {

    private final CookiePool pool;
    private final TrafficMetrics traffic;
    private final int maxAttempts;

    public CookieFailover(CookiePool pool, TrafficMetrics traffic, GatewayProperties properties) {
        this.pool = pool;
        this.traffic = traffic;
        this.maxAttempts = properties.maxAttempts();
    }

    /** onExceptionOccurred: runs once per failed attempt. */
    public void recordFailure(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        HixFailureException failure = failureOf(exchange);
        if (call == null || call.attempt() == null || failure == null) {
            return;
        }
        // a continued chat HixAI no longer knows (rejected) may be opened anew on the same cookie; any other
        // failure moves on from it, whether or not a credit re-read has meanwhile ended its cooldown
        call.recordFailure(failure.getMessage(), failure.failureClass() != FailureClass.REJECTED);
        pool.recordFailure(call.attempt().cookie().id(), call.model(), failure.failureClass(), failure.getMessage());
    }

    /**
     * retryWhile: attempts are capped by MAX_ATTEMPTS and by the cookies able to serve the model. A continued
     * chat HixAI no longer knows (rejected) is retried as a new chat, on the same cookie if need be.
     */
    public boolean shouldRetry(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        HixFailureException failure = failureOf(exchange);
        return call != null && call.attempt() != null && failure != null
                && (failure.failureClass().worthAnotherCookie()
                    || call.attempt().continuing() && failure.failureClass() == FailureClass.REJECTED)
                && call.attempts() < maxAttempts
                && pool.pick(call.model(), call.triedCookieIds()).isPresent();
    }

    /** onRedelivery: the next attempt runs on a cookie not tried yet. */
    public void nextCookie(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        pool.pick(call.model(), call.triedCookieIds()).ifPresent(call::useCookie);
        traffic.failedOver();
    }

    /** The failure as HixAI's, or null for an exception that is not about the upstream. */
    static HixFailureException failureOf(Exchange exchange) {
        return HixFailureException.of(exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }
}
