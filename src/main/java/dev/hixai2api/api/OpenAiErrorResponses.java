package dev.hixai2api.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.hix.FailureClass;
import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.openai.OpenAiException;
import dev.hixai2api.openai.OpenAiErrorBody;
import dev.hixai2api.monitoring.TrafficMetrics;
import dev.hixai2api.pool.CookieFailover;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes every failure of the /v1 routes as {@code {"error":{"message","type","param","code"}}} with its status. */
@Component
public class OpenAiErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrorResponses.class);

    private final ObjectMapper mapper;
    private final TrafficMetrics traffic;

    public OpenAiErrorResponses(ObjectMapper mapper, TrafficMetrics traffic) {
        this.mapper = mapper;
        this.traffic = traffic;
    }

    public void refused(Exchange exchange) {
        OpenAiException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, OpenAiException.class);
        write(exchange, e.status(), e.type(), e.code(), e.param(), e.getMessage());
        if (e.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader("Retry-After", e.retryAfterSeconds());
        }
    }

    /** The last attempt failed: say why in words, each attempt's reason included. */
    public void upstreamFailed(Exchange exchange) {
        HixFailureException failure = CookieFailover.failureOf(exchange);
        HixChatCall call = HixChatCall.of(exchange);
        String attempts = call == null || call.failures().isEmpty() ? failure.getMessage()
                : String.join("; ", call.failures());
        LOG.warn("Chat request failed after {} attempt(s): {}", call == null ? 1 : call.attempts(), attempts);
        FailureClass failureClass = failure.failureClass();
        switch (failureClass) {
            case CLOUDFLARE -> write(exchange, 503, "upstream_error", "upstream_blocked", null,
                    failure.getMessage() + ". HixAI's Cloudflare refuses this gateway's IP address: set PROXY_URL "
                            + "to send HixAI calls through a proxy, or try again later.");
            case DEAD_SESSION, NO_CREDIT -> write(exchange, 503, "service_unavailable", "no_usable_cookie", null,
                    "No stored HixAI account could serve this request. " + attempts);
            default -> {
                if (call != null && call.attempts() > 1) {
                    write(exchange, 503, "service_unavailable", "all_attempts_failed", null,
                            "All " + call.attempts() + " attempts failed. " + attempts);
                } else {
                    write(exchange, 502, "upstream_error", "upstream_failed", null, "HixAI failed to answer. " + attempts);
                }
            }
        }
    }

    public void unexpected(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Unexpected failure of {}", exchange.getFromRouteId(), e);
        write(exchange, 500, "server_error", "internal_error", null,
                "The gateway failed unexpectedly; the error is in its log.");
    }

    private void write(Exchange exchange, int status, String type, String code, String param, String message) {
        traffic.error(code);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(mapper.writeValueAsBytes(OpenAiErrorBody.of(type, code, param, message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error records always serialise", e);
        }
    }
}
