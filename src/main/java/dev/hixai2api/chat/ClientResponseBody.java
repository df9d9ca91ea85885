package dev.hixai2api.chat;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.camel.Exchange;

/**
 * The response body of the client an exchange serves, which a kept-alive stream writes its frames to directly
 * ({@link KeepaliveStream}). The web edge provides it, so the engine needs no HTTP server of its own.
 */
public interface ClientResponseBody {

    /**
     * Called once the response's head is prepared, as its body is being written.
     *
     * @return the body's stream, or null when the exchange has no HTTP client (a route called from elsewhere)
     */
    OutputStream open(Exchange exchange) throws IOException;
}
