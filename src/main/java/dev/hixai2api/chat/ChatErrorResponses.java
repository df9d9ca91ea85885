package dev.hixai2api.chat;

import java.time.Duration;

import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.hix.FailureClass;
import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.monitoring.TrafficMetrics;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns every failure of the chat routes into a {@link GatewayException} and writes it with the front door's
 * {@link dev.hixai2api.core.FrontDoor#error error} body, its kind's status and Retry-After when it has one.
 */
@Component
public class ChatErrorResponses {

    /** The failure written, for a stream that must still render it as its door's error event. */
    static final String ERROR_VARIABLE = "chatError";

    private static final Logger LOG = LoggerFactory.getLogger(ChatErrorResponses.class);

    private final FrontDoors doors;
    private final TrafficMetrics traffic;

    public ChatErrorResponses(FrontDoors doors, TrafficMetrics traffic) {
        this.doors = doors;
        this.traffic = traffic;
    }

    public void refused(Exchange exchange) {
        write(exchange, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, GatewayException.class));
    }

    /** The last attempt failed: say why in words, each attempt's reason included. */
    public void upstreamFailed(Exchange exchange) {
        HixFailureException failure = CookieFailover.failureOf(exchange);
        ChatCall call = ChatCall.of(exchange);
        String attempts = call == null || call.failures().isEmpty() ? failure.getMessage()
                : String.join("; ", call.failures());
        int count = call == null ? 1 : call.attempts();
        LOG.warn("Chat request failed after {} attempt(s): {}", count, attempts);
        write(exchange, upstreamError(failure.failureClass(), failure.getMessage(), attempts, count));
    }

    static GatewayException upstreamError(FailureClass failureClass, String reason, String attempts, int count) {
        return switch (failureClass) {
            case CLOUDFLARE -> new GatewayException(ErrorKind.UNAVAILABLE, "upstream_blocked", null,
                    reason + ". HixAI's Cloudflare refuses this gateway's IP address: set PROXY_URL "
                            + "to send HixAI calls through a proxy, or try again later.");
            case DEAD_SESSION, NO_CREDIT -> new GatewayException(ErrorKind.UNAVAILABLE, "no_usable_cookie", null,
                    "No stored HixAI account could serve this request. " + attempts);
            case GATEWAY_BUSY -> new GatewayException(ErrorKind.UNAVAILABLE, "upstream_connections_exhausted", null,
                    "The gateway is at its limit of connections to HixAI: " + reason + ". Try again shortly.",
                    Duration.ofSeconds(1));
            default -> count > 1
                    ? new GatewayException(ErrorKind.UNAVAILABLE, "all_attempts_failed", null,
                            "All " + count + " attempts failed. " + attempts)
                    : new GatewayException(ErrorKind.UPSTREAM, "upstream_failed", null,
                            "HixAI failed to answer. " + attempts);
        };
    }

    public void unexpected(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Unexpected failure of {}", exchange.getFromRouteId(), e);
        write(exchange, new GatewayException(ErrorKind.INTERNAL, "internal_error", null,
                "The gateway failed unexpectedly; the error is in its log."));
    }

    private void write(Exchange exchange, GatewayException error) {
        traffic.error(error.code());
        exchange.setVariable(ERROR_VARIABLE, error);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.kind().status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (error.retryAfter() != null) {
            exchange.getMessage().setHeader("Retry-After", error.retryAfter().toSeconds());
        }
        exchange.getMessage().setBody(doors.of(exchange).error(error));
    }
}
