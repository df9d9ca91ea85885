package dev.hixai2api.admin;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.hixai2api.hix.HixFailureException;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/** Every admin failure becomes the envelope {@code {"code":1,"message":…}} with a meaningful status. */
@Component
public class AdminErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "admin-errors";

    private final AdminResponses responses;

    public AdminErrorHandling(AdminResponses responses) {
        this.responses = responses;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(AdminException.class)
                    .handled(true)
                    .process(responses::refused)
                .end()
                .onException(GatewayException.class)
                    .handled(true)
                    .process(responses::refusedClient)
                .end()
                .onException(HixFailureException.class, IOException.class, UncheckedIOException.class)
                    .handled(true)
                    .process(responses::cookieCheckFailed)
                .end()
                .onException(Exception.class)
                    .onWhen(exchange -> !HixFailureException.isUpstream(exchange.getException()))
                    .handled(true)
                    .process(responses::unexpected)
                .end();
    }
}
