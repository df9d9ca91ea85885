package dev.hixai2api.api;

import java.io.IOException;
import java.io.OutputStream;

import dev.hixai2api.chat.ClientResponseBody;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * The servlet response of a request the REST DSL serves ({@link InlinePlatformHttp}): the same stream Camel's
 * binding writes the body to, on the request thread.
 */
@Component
public class ServletResponseBody implements ClientResponseBody {

    @Override
    public OutputStream open(Exchange exchange) throws IOException {
        return exchange.getIn() instanceof PlatformHttpMessage http ? http.getResponse().getOutputStream() : null;
    }
}
