package dev.hixai2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A call lost to a keep-alive connection the server had closed is resent; a fresh connection's failure is not. */
class StaleConnectionRetryTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, HixHttpClientConfiguration.class);

    @Test
    void aCallOnAPooledConnectionTheServerHadClosedIsResentOnANewOne() throws Exception {
        // the second request on the first connection finds it closed, as when a server drops idle connections
        try (Origin origin = new Origin((connection, request) -> !(connection == 1 && request == 2))) {
            context.run(started -> {
                try (DefaultCamelContext camel = camelWith(started.getBean("http", HttpComponent.class))) {
                    assertThat(post(camel, origin, "first").getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
                    Exchange second = post(camel, origin, "second");

                    assertThat(second.getException()).isNull();
                    assertThat(second.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
                    assertThat(origin.requests()).containsExactly("1:first", "1:second", "2:second");
                }
            });
        }
    }

    @Test
    void aFreshConnectionClosedWithoutAnAnswerIsTheRoutesToHandle() throws Exception {
        try (Origin origin = new Origin((connection, request) -> false)) {
            context.run(started -> {
                try (DefaultCamelContext camel = camelWith(started.getBean("http", HttpComponent.class))) {
                    Exchange only = post(camel, origin, "only");

                    assertThat(only.getException()).isInstanceOf(NoHttpResponseException.class);
                    assertThat(origin.requests()).containsExactly("1:only");
                }
            });
        }
    }

    private static DefaultCamelContext camelWith(HttpComponent http) {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("http", http);
        camel.start();
        return camel;
    }

    private static Exchange post(DefaultCamelContext camel, Origin origin, String body) {
        Exchange exchange = camel.createProducerTemplate().send(
                "http://127.0.0.1:" + origin.port() + "/call?throwExceptionOnFailure=false", e -> {
                    e.getMessage().setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain");
                    e.getMessage().setBody(body);
                });
        if (exchange.getException() == null) {
            exchange.getMessage().getBody(String.class); // read the answer: the connection goes back to the pool
        }
        return exchange;
    }

    /** Answers "ok" with keep-alive unless told to close the connection on a request without answering it. */
    private static final class Origin implements AutoCloseable {

        interface Answers {
            boolean answer(int connection, int request);
        }

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final Answers answers;

        Origin(Answers answers) throws IOException {
            this.answers = answers;
            daemon(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "origin");
            thread.setDaemon(true);
            thread.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    int connection = connections.incrementAndGet();
                    daemon(() -> serve(socket, connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket, int connection) {
            try (socket) {
                InputStream in = socket.getInputStream();
                for (int request = 1; ; request++) {
                    String body = readBody(in);
                    if (body == null) {
                        return;
                    }
                    requests.add(connection + ":" + body);
                    if (!answers.answer(connection, request)) {
                        return;
                    }
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        /** The body of the next request (Content-Length framed), or null at the end of the connection. */
        private static String readBody(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Settings {
    }
}
