package dev.hixai2api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test proxies themselves, against a small origin server: what the end-to-end tests rely on. */
class TestProxiesTest {

    private static HttpServer origin;

    @BeforeAll
    static void startOrigin() throws IOException {
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/", exchange -> {
            byte[] body = ("hello " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();
    }

    @AfterAll
    static void stopOrigin() {
        origin.stop(0);
    }

    @Test
    void theHttpProxyForwardsAbsoluteUriRequestsAndRecordsThem() throws Exception {
        try (HttpForwardProxy proxy = HttpForwardProxy.start()) {
            HttpClient client = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                    .connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(originUrl("/a/b%2Cc?x=1")))
                    .POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello POST /a/b,c");
            assertThat(proxy.requests()).containsExactly(new TestProxy.Request("POST", originTarget(), "/a/b,c"));
            assertThat(proxy.connections()).containsExactly(originTarget());
        }
    }

    @Test
    void theHttpProxyTunnelsConnectAndSeesThePlainRequestsInside() throws Exception {
        try (HttpForwardProxy proxy = HttpForwardProxy.start(); Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("CONNECT " + originTarget() + " HTTP/1.1\r\nHost: " + originTarget() + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(HttpWire.readHead(in).startLine()).startsWith("HTTP/1.1 200");

            out.write("GET /inside HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200")
                    .endsWith("hello GET /inside");
            assertThat(proxy.connections()).containsExactly(originTarget());
            assertThat(proxy.requests()).containsExactly(new TestProxy.Request("GET", originTarget(), "/inside"));
        }
    }

    @Test
    void theHttpProxyWithCredentialsAnswers407WithoutThem() throws Exception {
        try (HttpForwardProxy proxy = HttpForwardProxy.startWithCredentials("user", "secret")) {
            HttpClient client = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port()))).build();

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(originUrl("/x"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(407);
            assertThat(response.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"test-proxy\"");
            assertThat(proxy.refusedRequests()).isEqualTo(1);
            assertThat(proxy.requests()).isEmpty();
        }
    }

    @Test
    void theSocksProxyConnectsByIpv4AndByDomainName() throws Exception {
        try (Socks5Proxy proxy = Socks5Proxy.start()) {
            Proxy socks = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", proxy.port()));

            String byAddress = getThrough(socks, new InetSocketAddress(InetAddress.getLoopbackAddress(), origin.getAddress().getPort()), "/by-address");
            // unresolved: the JDK's SOCKS client sends the name for the proxy to resolve
            String byName = getThrough(socks, InetSocketAddress.createUnresolved("localhost", origin.getAddress().getPort()), "/by-name");

            assertThat(byAddress).endsWith("hello GET /by-address");
            assertThat(byName).endsWith("hello GET /by-name");
            assertThat(proxy.connects()).containsExactly(
                    new Socks5Proxy.Connect("ipv4", originTarget()),
                    new Socks5Proxy.Connect("domain", "localhost:" + origin.getAddress().getPort()));
            assertThat(proxy.requests()).extracting(TestProxy.Request::path).containsExactly("/by-address", "/by-name");
            assertThat(proxy.acceptedConnections()).isEqualTo(2);
        }
    }

    private static String getThrough(Proxy socks, InetSocketAddress target, String path) throws IOException {
        try (Socket socket = new Socket(socks)) {
            socket.setSoTimeout(5_000);
            socket.connect(target, 5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String originTarget() {
        return "127.0.0.1:" + origin.getAddress().getPort();
    }

    private static String originUrl(String path) {
        return "http://" + originTarget() + path;
    }
}
