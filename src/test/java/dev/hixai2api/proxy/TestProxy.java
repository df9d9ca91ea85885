package dev.hixai2api.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only proxy on 127.0.0.1 (random port): one daemon thread accepts, one per connection serves. It records
 * the target host:port of every connection it opened and every HTTP request it carried.
 */
public abstract class TestProxy implements AutoCloseable {

    /** One HTTP request that crossed the proxy: its target host:port and its decoded path without the query. */
    public record Request(String method, String target, String path) {
    }

    private final ServerSocket server;
    private final ExecutorService threads;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> connections = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

    protected TestProxy(String name) {
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test proxy", e);
        }
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections the clients opened to the proxy. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** The target host:port of each upstream connection the proxy opened (a CONNECT, a SOCKS connect, a request). */
    public List<String> connections() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the requests seen so far (the connections stay recorded). */
    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (open) {
            open.forEach(HttpWire::closeQuietly);
        }
        threads.shutdownNow();
    }

    /** Serves one client connection; the socket is closed afterwards. */
    protected abstract void serve(Socket client) throws IOException;

    protected void recordConnection(String target) {
        connections.add(target);
    }

    /** Records the path decoded and without its query, as an HTTP server sees it. */
    protected void recordRequest(String method, String target, String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String rawPath = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        String path;
        try {
            path = new URI(rawPath).getPath();
        } catch (URISyntaxException e) {
            path = rawPath;
        }
        requests.add(new Request(method, target, path));
    }

    /** Opens a connection to the target, tracked so that close() ends it; give it back with {@link #release}. */
    protected Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        open.add(socket);
        try {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            release(socket);
            throw e;
        }
        recordConnection(host + ":" + port);
        return socket;
    }

    protected void release(Socket socket) {
        HttpWire.closeQuietly(socket);
        open.remove(socket);
    }

    /**
     * Copies both directions until both ends are done; client-to-target HTTP requests are recorded as they pass,
     * unchanged, when the stream looks like HTTP (anything else, TLS say, is copied blind).
     */
    protected void relay(Socket client, InputStream clientIn, Socket target, String targetName) throws IOException {
        Future<?> answers = threads.submit(() -> {
            try {
                HttpWire.copy(target.getInputStream(), client.getOutputStream());
            } catch (IOException ignored) {
                // the other direction notices
            } finally {
                HttpWire.shutdownOutput(client);
            }
        });
        try {
            HttpWire.forwardRequests(clientIn.markSupported() ? clientIn : new BufferedInputStream(clientIn),
                    target.getOutputStream(),
                    (method, path) -> recordRequest(method, targetName, path));
        } catch (IOException ignored) {
            // the client went away
        } finally {
            HttpWire.shutdownOutput(target);
        }
        try {
            answers.get(30, TimeUnit.SECONDS); // the answer direction ends before the sockets are closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // closing anyway
        } finally {
            release(target);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(client);
            threads.execute(() -> {
                try (client) {
                    client.setTcpNoDelay(true);
                    serve(client);
                } catch (IOException | RuntimeException ignored) {
                    // a test proxy: the client sees the connection end
                } finally {
                    open.remove(client);
                }
            });
        }
    }
}
