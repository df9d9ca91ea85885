package dev.hixai2api.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.openai.OpenAiException;
import dev.hixai2api.pool.CookieFailover;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The error handling every /v1 route shares. An upstream failure is redelivered on another cookie (the
 * redelivery policy's onRedelivery step swaps it) until no cookie or attempt is left; then, like every other
 * failure, it becomes an OpenAI error response.
 */
@Component
public class OpenAiErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "openai-errors";

    private final CookieFailover failover;
    private final OpenAiErrorResponses responses;
    private final GatewayProperties properties;

    public OpenAiErrorHandling(CookieFailover failover, OpenAiErrorResponses responses, GatewayProperties properties) {
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
                .onException(OpenAiException.class)
                    .handled(true)
                    .process(responses::refused)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(responses::unexpected)
                .end();
    }
}
