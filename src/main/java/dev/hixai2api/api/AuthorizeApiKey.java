package dev.hixai2api.api;

import dev.hixai2api.security.ApiKeyAuthenticator;
import dev.hixai2api.security.BearerToken;
import dev.hixai2api.security.Secrets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** First step of every /v1 route: the Authorization header must carry a stored API key (when any is stored). */
@Component
public class AuthorizeApiKey implements Processor {

    /** A digest of the caller's API key: whose conversations a request may continue. */
    public static final String TENANT_PROPERTY = "hixTenant";

    private final ApiKeyAuthenticator authenticator;

    public AuthorizeApiKey(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        authenticator.authorize(authorization);
        String key = BearerToken.of(authorization);
        exchange.setProperty(TENANT_PROPERTY, key.isEmpty() ? "" : Secrets.sha256Hex(key));
    }
}
