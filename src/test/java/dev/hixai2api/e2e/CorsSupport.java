package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests as a browser sends them for a page of another origin: a preflight, then the request itself. */
final class CorsSupport {

    /** The SDKs' browser builds ask for these on every call. */
    static final String REQUESTED_HEADERS = "authorization, content-type, x-stainless-os, x-stainless-lang";

    private CorsSupport() {
    }

    static HttpResponse<String> preflight(String url, String origin, String method, String requestedHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (requestedHeaders != null) {
            request.header("Access-Control-Request-Headers", requestedHeaders);
        }
        return send(request.build());
    }

    /** The request itself, with the Origin header a browser adds to every cross-origin call. */
    static HttpResponse<String> fromOrigin(String url, String origin, String method, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Origin", origin);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** No header of the CORS protocol at all: a browser refuses the page the answer. */
    static void assertNoCorsHeaders(HttpResponse<?> response) {
        assertThat(response.headers().map().keySet())
                .as("headers of %s", response.uri())
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return GatewayTestSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
