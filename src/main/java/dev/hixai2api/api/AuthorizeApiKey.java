package dev.hixai2api.api;

import dev.hixai2api.security.ApiKeyAuthenticator;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** First step of every /v1 route: the Authorization header must carry a stored API key (when any is stored). */
@Component
public class AuthorizeApiKey implements Processor {

    private final ApiKeyAuthenticator authenticator;

    public AuthorizeApiKey(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        authenticator.authorize(exchange.getMessage().getHeader("Authorization", String.class));
    }
}
