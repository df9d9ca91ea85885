package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Gateways whose IP_BLACK_LIST holds the IPv6 loopback address, each subclass spelling it its own way: a client
 * on [::1] is refused in the shape of the door it knocks at.
 */
abstract class LoopbackBlacklistE2ETest extends GatewayTestSupport {

    @Test
    void theIpv6LoopbackClientIsRefusedWith403InEachFrontDoorsShape() throws Exception {
        HttpResponse<String> api = fromIpv6Loopback("/v1/models", null);
        HttpResponse<String> admin = fromIpv6Loopback("/api/status", "Bearer " + BACKEND_SECRET);

        assertThat(api.statusCode()).isEqualTo(403);
        JsonNode error = json(api.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("code").asText()).isEqualTo("ip_blocked");
        assertThat(error.path("message").asText()).contains("IP_BLACK_LIST");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("param").isNull()).isTrue();
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(json(admin.body()).path("code").asInt()).isEqualTo(1);
    }

    private HttpResponse<String> fromIpv6Loopback(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://[::1]:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET of /v1/models from another loopback address, which java.net.http cannot choose, with each
     * X-Forwarded-For value on a header line of its own.
     */
    protected String rawGet(String from, String... forwardedForLines) throws Exception {
        StringBuilder head = new StringBuilder("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String line : forwardedForLines) {
            head.append("X-Forwarded-For: ").append(line).append("\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
