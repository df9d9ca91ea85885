package dev.hixai2api.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.hix.FailureClass;
import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.monitoring.TrafficMetrics;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.ConnectTimeoutException;
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
        HixChatCall call = HixChatCall.of(exchange);
        HixFailureException failure = failureOf(exchange);
        if (call == null || call.cookie() == null || failure == null) {
            return;
        }
        call.recordFailure(failure.getMessage());
        pool.recordFailure(call.cookie().id(), call.model(), failure.failureClass(), failure.getMessage());
    }

    /**
     * retryWhile: attempts are capped by MAX_ATTEMPTS and by the cookies able to serve the model. A continued
     * chat HixAI no longer knows (rejected) is retried as a new chat, on the same cookie if need be.
     */
    public boolean shouldRetry(Exchange exchange) {
        HixChatCall call = HixChatCall.of(exchange);
        HixFailureException failure = failureOf(exchange);
        return call != null && failure != null
                && (failure.failureClass().worthAnotherCookie()
                    || call.continuing() && failure.failureClass() == FailureClass.REJECTED)
                && call.attempts() < maxAttempts
                && pool.pick(call.model(), call.triedCookieIds()).isPresent();
    }

    /** onRedelivery: the next attempt runs on a cookie not tried yet. */
    public void nextCookie(Exchange exchange) {
        HixChatCall call = HixChatCall.of(exchange);
        pool.pick(call.model(), call.triedCookieIds()).ifPresent(call::useCookie);
        traffic.failedOver();
    }

    /** Names the setting behind a timeout, so the operator knows which one to raise. */
    private static String ioProblem(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return "HixAI could not be reached within UPSTREAM_CONNECT_TIMEOUT";
        }
        if (t instanceof SocketTimeoutException) {
            return "HixAI did not answer within UPSTREAM_FIRST_BYTE_TIMEOUT (or fell silent for UPSTREAM_IDLE_TIMEOUT)";
        }
        return "the connection to HixAI failed";
    }

    /** The failure as HixAI's, or null for an exception that is not about the upstream. */
    public static HixFailureException failureOf(Exchange exchange) {
        Throwable error = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HixFailureException failure) {
                return failure;
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return new HixFailureException(FailureClass.TRANSIENT,
                        ioProblem(t) + " (" + t.getClass().getSimpleName() + ")", t);
            }
        }
        return null;
    }
}
