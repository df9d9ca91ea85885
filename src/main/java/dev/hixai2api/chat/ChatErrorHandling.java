package dev.hixai2api.chat;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.hix.HixFailureException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.springframework.stereotype.Component;

/**
 * The error handling every front door's routes share: each failure becomes a {@link GatewayException} rendered by
 * the request's front door. Only the attempts at HixAI ({@value #ATTEMPTS_ID}) redeliver: an upstream failure there
 * is retried on another cookie (the redelivery policy's onRedelivery step swaps it) until no cookie or attempt is
 * left. The other routes do without redelivery, as Camel copies an exchange before every step of a route whose
 * error handler may redeliver (docs/benchmark.md).
 */
@Component
public class ChatErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "chat-errors";
    static final String ATTEMPTS_ID = "chat-attempt-errors";

    private final CookieFailover failover;
    private final ChatErrorResponses responses;
    private final GatewayProperties properties;

    public ChatErrorHandling(CookieFailover failover, ChatErrorResponses responses, GatewayProperties properties) {
        this.failover = failover;
        this.responses = responses;
        this.properties = properties;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition attempts = routeConfiguration(ATTEMPTS_ID);
        attempts.onException(HixFailureException.class, IOException.class, UncheckedIOException.class)
                .onExceptionOccurred(failover::recordFailure)
                .maximumRedeliveries(properties.maxAttempts() - 1)
                .retryWhile(method(failover, "shouldRetry"))
                .redeliveryDelay(50).useExponentialBackOff().backOffMultiplier(2).maximumRedeliveryDelay(400)
                .onRedelivery(failover::nextCookie)
                .handled(true)
                .process(responses::upstreamFailed)
                .end();
        refusals(attempts);

        RouteConfigurationDefinition chat = routeConfiguration(ID);
        chat.onException(HixFailureException.class, IOException.class, UncheckedIOException.class)
                .handled(true)
                .process(responses::upstreamFailed)
                .end();
        refusals(chat);
    }

    private void refusals(RouteConfigurationDefinition configuration) {
        configuration.onException(GatewayException.class)
                .handled(true)
                .process(responses::refused)
                .end();
        configuration.onException(Exception.class)
                .onWhen(exchange -> !HixFailureException.isUpstream(exchange.getException()))
                .handled(true)
                .process(responses::unexpected)
                .end();
    }
}
