package dev.hixai2api.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The HTTP response of the client a kept-alive stream answers ({@link KeepaliveStream}). The web edge provides it,
 * so the engine needs no HTTP server of its own.
 */
public interface ClientResponse {

    /**
     * Starts the response ahead of Camel's binding, for a stream whose first bytes are a comment line sent while
     * its answer is not in yet: status 200 and these headers. Camel's binding later leaves a started head as it
     * is.
     */
    void start(Map<String, String> headers);

    /** The body's stream: after {@link #start}, or once Camel's binding has prepared the head. */
    OutputStream body() throws IOException;

    /** Finds the response of the client an exchange serves. */
    @FunctionalInterface
    interface Lookup {

        /**
         * Taken on the request thread before the route calls HixAI, whose answer replaces the exchange's message.
         *
         * @return the response, or null when the exchange has no HTTP client (a route called from elsewhere)
         */
        ClientResponse of(Exchange exchange);
    }
}
