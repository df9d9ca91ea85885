package dev.hixai2api.chat;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.hix.HixFailureException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The error handling every front door's routes share. An upstream failure is redelivered on another cookie (the
 * redelivery policy's onRedelivery step swaps it) until no cookie or attempt is left; then, like every other
 * failure, it becomes a {@link GatewayException} rendered by the request's front door.
 */
@Component
public class ChatErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "chat-errors";

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
        routeConfiguration(ID)
                .onException(HixFailureException.class, IOException.class, UncheckedIOException.class)
                    .onExceptionOccurred(failover::recordFailure)
                    .maximumRedeliveries(properties.maxAttempts() - 1)
                    .retryWhile(method(failover, "shouldRetry"))
                    .redeliveryDelay(50).useExponentialBackOff().backOffMultiplier(2).maximumRedeliveryDelay(400)
                    .onRedelivery(failover::nextCookie)
                    .handled(true)
                    .process(responses::upstreamFailed)
                .end()
                .onException(GatewayException.class)
                    .handled(true)
                    .process(responses::refused)
                .end()
                .onException(Exception.class)
                    .onWhen(exchange -> !HixFailureException.isUpstream(exchange.getException()))
                    .handled(true)
                    .process(responses::unexpected)
                .end();
    }
}
