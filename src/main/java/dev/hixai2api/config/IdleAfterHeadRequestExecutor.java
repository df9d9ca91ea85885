package dev.hixai2api.config;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * Upstream calls with two read timeouts: until the response head arrives the socket waits the first-byte timeout
 * (HttpClient sets it from the request's response timeout before each request); once the head is read, the
 * rest of the answer, an event stream above all, may be silent for at most the idle timeout. HttpClient itself
 * keeps one socket timeout for the whole exchange.
 */
final class IdleAfterHeadRequestExecutor extends HttpRequestExecutor {

    private final Timeout idle;

    IdleAfterHeadRequestExecutor(Timeout idle) {
        this.idle = idle;
    }

    /** Returns once the head is read; the body is still unread on the connection. */
    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
                                       HttpResponseInformationCallback informationCallback, HttpContext context)
            throws IOException, HttpException {
        ClassicHttpResponse head = super.execute(request, connection, informationCallback, context);
        connection.setSocketTimeout(idle);
        return head;
    }
}
