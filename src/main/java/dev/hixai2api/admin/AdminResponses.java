package dev.hixai2api.admin;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes admin answers in the envelope, failures included, with their HTTP status. */
@Component
public class AdminResponses {

    private static final Logger LOG = LoggerFactory.getLogger(AdminResponses.class);

    private final ObjectMapper mapper;

    public AdminResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body, an {@link Envelope}, becomes the JSON answer. */
    public void ok(Exchange exchange) {
        write(exchange, 200, exchange.getMessage().getBody(Envelope.class));
    }

    public void refused(Exchange exchange) {
        AdminException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, AdminException.class);
        write(exchange, e.status(), Envelope.failed(e.getMessage()));
    }

    /** The client guard (IP_BLACK_LIST) refused the caller: its status, in the admin envelope. */
    public void refusedClient(Exchange exchange) {
        GatewayException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, GatewayException.class);
        write(exchange, e.kind().status(), Envelope.failed(e.getMessage()));
    }

    /** The usage check of a cookie failed: the admin learns whether HixAI refused it or could not be asked. */
    public void cookieCheckFailed(Exchange exchange) {
        HixFailureException failure = HixFailureException.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        switch (failure.failureClass()) {
            case DEAD_SESSION, NO_CREDIT, REJECTED -> write(exchange, 400,
                    Envelope.failed("HixAI does not accept this cookie: " + failure.getMessage()));
            case CLOUDFLARE -> write(exchange, 503, Envelope.failed(failure.getMessage()
                    + ". The cookie could not be checked: set PROXY_URL or try again later."));
            case GATEWAY_BUSY -> write(exchange, 503, Envelope.failed("The cookie could not be checked: "
                    + failure.getMessage() + "; try again later."));
            default -> write(exchange, 502, Envelope.failed("The cookie could not be checked: " + failure.getMessage()));
        }
    }

    public void unexpected(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Unexpected failure of {}", exchange.getFromRouteId(), e);
        write(exchange, 500, Envelope.failed("the gateway failed unexpectedly; the error is in its log"));
    }

    private void write(Exchange exchange, int status, Envelope envelope) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(mapper.writeValueAsBytes(envelope));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
