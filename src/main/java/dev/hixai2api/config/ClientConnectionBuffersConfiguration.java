package dev.hixai2api.config;

import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller buffers for the clients' connections. Tomcat gives every connection an 8 KB read and an 8 KB write
 * socket buffer, every request's header parser another copy of the read buffer's size, and every response an
 * 8 KB byte and an 8,192-char buffer, which Camel's response copy matches with 8 KB more. An open stream holds
 * all of them for its whole life, and a thousand open streams fill a 512 MB container's heap
 * (docs/benchmark.md). The gateway reads JSON bodies and writes SSE frames of a few hundred bytes; large bodies
 * are still read and written whole, in more, smaller pieces.
 */
@Configuration(proxyBeanMethods = false)
public class ClientConnectionBuffersConfiguration {

    static final int READ_BUFFER_BYTES = 2048;
    static final int WRITE_BUFFER_BYTES = 4096;
    static final int RESPONSE_BUFFER_BYTES = 2048;

    @Bean
    public TomcatConnectorCustomizer clientConnectionBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
        };
    }

    /** Tomcat creates the connector's protocol from its class name, so the smaller responses need their own class. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallResponseBuffers() {
        return factory -> factory.setProtocol(SmallResponseBuffers.class.getName());
    }

    /**
     * HTTP/1.1 over NIO whose responses buffer {@value #RESPONSE_BUFFER_BYTES} bytes: Tomcat sizes every response's
     * buffers by its protocol's desired buffer size and has no setting for it (AJP uses it for its packet size).
     */
    public static class SmallResponseBuffers extends Http11NioProtocol {

        @Override
        public int getDesiredBufferSize() {
            return RESPONSE_BUFFER_BYTES;
        }
    }
}
