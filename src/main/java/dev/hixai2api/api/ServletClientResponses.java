package dev.hixai2api.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import dev.hixai2api.chat.ClientResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * The servlet response of a request the REST DSL serves ({@link InlinePlatformHttp}): the one Camel's binding
 * writes to, on the request thread. A response started here is committed, and the servlet container then ignores
 * the status and headers the binding sets.
 */
@Component
public class ServletClientResponses implements ClientResponse.Lookup {

    @Override
    public ClientResponse of(Exchange exchange) {
        return exchange.getIn() instanceof PlatformHttpMessage http ? new Servlet(http.getResponse()) : null;
    }

    private record Servlet(HttpServletResponse response) implements ClientResponse {

        @Override
        public void start(Map<String, String> headers) {
            response.setStatus(HttpServletResponse.SC_OK);
            headers.forEach(response::setHeader);
        }

        @Override
        public OutputStream body() throws IOException {
            return response.getOutputStream();
        }
    }
}
