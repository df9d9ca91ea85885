package dev.hixai2api.config;

import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller socket buffers for the clients' connections. Tomcat gives every connection an 8 KB read and an 8 KB
 * write buffer, and every request's header parser another copy of the read buffer's size. An open stream holds
 * all three for its whole life, and a thousand open streams fill a 512 MB container's heap (docs/benchmark.md).
 * The gateway reads JSON bodies and writes SSE frames of a few hundred bytes; large bodies are still read whole,
 * in more, smaller reads.
 */
@Configuration(proxyBeanMethods = false)
public class ClientConnectionBuffersConfiguration {

    static final int READ_BUFFER_BYTES = 2048;
    static final int WRITE_BUFFER_BYTES = 4096;

    @Bean
    public TomcatConnectorCustomizer clientConnectionBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
        };
    }
}
