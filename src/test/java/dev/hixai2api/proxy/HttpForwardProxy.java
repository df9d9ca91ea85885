package dev.hixai2api.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only HTTP forward proxy: absolute-URI requests for plain http (one request per client connection, the
 * answer streamed back as it comes) and CONNECT tunnels. With credentials it answers 407 to any request without
 * the matching {@code Proxy-Authorization: Basic} header.
 */
public final class HttpForwardProxy extends TestProxy {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "proxy-authenticate");

    private final String expectedAuthorization;
    private final AtomicInteger refused = new AtomicInteger();

    private HttpForwardProxy(String username, String password) {
        super("http-proxy");
        expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static HttpForwardProxy start() {
        return new HttpForwardProxy(null, null);
    }

    /** A proxy that demands Basic proxy authentication with these credentials. */
    public static HttpForwardProxy startWithCredentials(String username, String password) {
        return new HttpForwardProxy(username, password);
    }

    /** Requests answered 407 for want of (the right) credentials. */
    public int refusedRequests() {
        return refused.get();
    }

    @Override
    protected void serve(Socket client) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        HttpWire.Message request = HttpWire.readRequest(in);
        if (request == null) {
            return;
        }
        if (expectedAuthorization != null && !expectedAuthorization.equals(request.header("Proxy-Authorization"))) {
            refused.incrementAndGet();
            answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test-proxy\"");
            return;
        }
        if (request.method().equals("CONNECT")) {
            tunnel(client, in, out, request.target());
        } else {
            forward(out, request);
        }
    }

    private void tunnel(Socket client, InputStream in, OutputStream out, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(authority.substring(colon + 1));
        Socket target;
        try {
            target = connect(host, port);
        } catch (IOException e) {
            answer(out, "502 Bad Gateway", null);
            return;
        }
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        relay(client, in, target, host + ":" + port);
    }

    /** One request to its origin, with Connection: close both ways, so the answer ends where its stream ends. */
    private void forward(OutputStream out, HttpWire.Message request) throws IOException {
        URI uri = URI.create(request.target());
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            answer(out, "400 Bad Request", null);
            return;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Socket target;
        try {
            target = connect(uri.getHost(), port);
        } catch (IOException e) {
            answer(out, "502 Bad Gateway", null);
            return;
        }
        try {
            recordRequest(request.method(), uri.getHost() + ":" + port, path);
            String[] parts = request.startLine().split(" ", 3);
            HttpWire.write(target.getOutputStream(), parts[0] + " " + path + " " + (parts.length > 2 ? parts[2] : "HTTP/1.1"),
                    endToEnd(request.headers()), request.body());
            InputStream answer = new BufferedInputStream(target.getInputStream());
            HttpWire.Message response = HttpWire.readHead(answer);
            if (response == null) {
                answer(out, "502 Bad Gateway", null);
                return;
            }
            HttpWire.write(out, response.startLine(), endToEnd(response.headers()), new byte[0]);
            HttpWire.copy(answer, out);
        } finally {
            release(target);
        }
    }

    private static List<String> endToEnd(List<String> headers) {
        List<String> kept = new ArrayList<>();
        for (String line : headers) {
            int colon = line.indexOf(':');
            if (colon < 0 || !HOP_BY_HOP.contains(line.substring(0, colon).trim().toLowerCase(Locale.ROOT))) {
                kept.add(line);
            }
        }
        kept.add("Connection: close");
        return kept;
    }

    private static void answer(OutputStream out, String status, String header) throws IOException {
        String head = "HTTP/1.1 " + status + "\r\n" + (header == null ? "" : header + "\r\n")
                + "Content-Length: 0\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
