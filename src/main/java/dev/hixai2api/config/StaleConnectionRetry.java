package dev.hixai2api.config;

import java.io.IOException;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Resends a call, on another connection, when a pooled keep-alive connection turns out to have been closed by
 * HixAI (or a proxy) while it sat idle: no byte of an answer came back on a connection that had carried one
 * before, so the call never reached the server. Every other failure is the route's to handle, on another
 * cookie. Go's HTTP client, which the Go tool used, does the same.
 */
final class StaleConnectionRetry implements HttpRequestRetryStrategy {

    /** Several pooled connections may have gone stale at once (a server restart); a fresh one ends the chain. */
    private static final int MAX_EXECUTIONS = 3;

    static final StaleConnectionRetry INSTANCE = new StaleConnectionRetry();

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        if (execCount >= MAX_EXECUTIONS || !(exception instanceof NoHttpResponseException)) {
            return false;
        }
        EndpointDetails connection = HttpCoreContext.cast(context).getEndpointDetails();
        return connection != null && connection.getResponseCount() > 0;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
