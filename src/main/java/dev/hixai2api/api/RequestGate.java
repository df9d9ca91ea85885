package dev.hixai2api.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.hixai2api.admin.AdminException;
import dev.hixai2api.admin.BackendSecret;
import dev.hixai2api.chat.OpenChat;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.openai.OpenAiErrorBody;
import dev.hixai2api.security.ApiKeyAuthenticator;
import dev.hixai2api.security.BearerToken;
import dev.hixai2api.security.ClientAddress;
import dev.hixai2api.security.CredentialThrottle;
import dev.hixai2api.security.Secrets;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks an API request before anything reads its body: Camel's HTTP consumer reads a whole body into memory
 * as soon as it takes the request. So here, in this order: the client's recent credential failures
 * (AUTH_FAILURE_LIMIT), credentials in the Authorization header (a query parameter of that name counts for
 * nothing), the declared and the actual size against the cap, room in the BODY_MEMORY_BUDGET, and strict UTF-8.
 * A body that passes is handed on from memory, its share of the budget held until the request is over. Which
 * requests are checked is judged on the path the router sees ({@link ApiPaths}), however the client spelt it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestGate extends OncePerRequestFilter {

    private static final int ADMIN_MAX_BODY = 64 * 1024;
    /** Bodies in flight are usually done within a second or two. */
    private static final long BUSY_RETRY_AFTER_SECONDS = 1;
    private static final int READ_STEP = 64 * 1024;

    private final ApiPaths paths;
    private final ApiKeyAuthenticator apiKeys;
    private final BackendSecret backendSecret;
    private final CredentialThrottle throttle;
    private final BodyBudget budget;
    private final ClientAddress clientAddress;
    private final FrontDoorErrors errors;
    private final long maxBody;

    public RequestGate(ApiPaths paths, ApiKeyAuthenticator apiKeys, BackendSecret backendSecret,
                       CredentialThrottle throttle, BodyBudget budget, FrontDoorErrors errors,
                       ClientAddress clientAddress, GatewayProperties properties) {
        this.paths = paths;
        this.apiKeys = apiKeys;
        this.backendSecret = backendSecret;
        this.throttle = throttle;
        this.budget = budget;
        this.clientAddress = clientAddress;
        this.errors = errors;
        this.maxBody = properties.maxBodySize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return paths.of(request) == ApiPaths.Door.NONE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiPaths.Door door = paths.of(request);
        boolean admin = door == ApiPaths.Door.ADMIN;
        BodyBudget.Lease lease = budget.lease();
        try {
            authorize(request, door);
            if (!hasBody(request)) {
                chain.doFilter(request, response);
                return;
            }
            long cap = admin ? ADMIN_MAX_BODY : maxBody;
            long declared = request.getContentLengthLong();
            if (declared > cap) {
                throw tooLarge(cap);
            }
            byte[] body = readBounded(request, cap, lease);
            requireUtf8(body);
            chain.doFilter(new CachedBody(request, body), response);
        } catch (GatewayException e) {
            refuse(response, door, e.kind().status(), OpenAiErrorBody.of(e), e.getMessage(),
                    e.retryAfter() == null ? null : e.retryAfter().toSeconds());
        } catch (AdminException e) {
            refuse(response, ApiPaths.Door.ADMIN, e.status(), null, e.getMessage(), null);
        } finally {
            releaseWhenOver(request, lease);
        }
    }

    /** Credentials, refused at once for a client that has failed too often lately; each 401 counts. */
    private void authorize(HttpServletRequest request, ApiPaths.Door door) {
        String client = clientAddress.resolve(request);
        long wait = throttle.secondsToWait(client);
        if (wait > 0) {
            throw new GatewayException(ErrorKind.RATE_LIMITED, "too_many_auth_failures", null,
                    "Too many failed credentials from your address (more than " + throttle.perMinute()
                            + " a minute). Try again in " + wait + " s.", Duration.ofSeconds(wait));
        }
        // the servlet headers only: Camel would also take an Authorization query parameter for one
        String authorization = request.getHeader("Authorization");
        try {
            if (door == ApiPaths.Door.ADMIN) {
                backendSecret.authorize(authorization);
            } else {
                if (authorization == null) {
                    authorization = request.getHeader("x-api-key");  // the Anthropic clients' header
                }
                apiKeys.authorize(authorization);
                // the only credential check of /v1: the engine takes who asks from here
                String key = BearerToken.of(authorization);
                request.setAttribute(OpenChat.TENANT_ATTRIBUTE, key.isEmpty() ? "" : Secrets.sha256Hex(key));
            }
        } catch (GatewayException | AdminException e) {
            throttle.failed(client);
            throw e;
        }
    }

    /** An asynchronous request (a Camel route) still holds its body after the filter chain returns. */
    private static void releaseWhenOver(HttpServletRequest request, BodyBudget.Lease lease) {
        if (!request.isAsyncStarted()) {
            lease.close();
            return;
        }
        request.getAsyncContext().addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                lease.close();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                lease.close();
            }

            @Override
            public void onError(AsyncEvent event) {
                lease.close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // the same request goes on: its body is still held
            }
        });
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * The body, at most {@code cap} bytes, its share of the budget taken before each part is read: the declared
     * length at once, a chunked body as it arrives.
     */
    private byte[] readBounded(HttpServletRequest request, long cap, BodyBudget.Lease lease) {
        long declared = request.getContentLengthLong();
        if (!budget.canEverHold(declared)) {
            throw tooLarge(budget.capacity());
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                reserve(lease, declared);
                byte[] body = new byte[(int) declared];
                if (in.readNBytes(body, 0, body.length) < body.length) {
                    throw new IOException("the body ended before its Content-Length");
                }
                return body;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] step = new byte[READ_STEP];
            for (int n = in.read(step); n >= 0; n = in.read(step)) {
                if (body.size() + n > Math.min(cap, budget.capacity())) {
                    throw tooLarge(Math.min(cap, budget.capacity()));
                }
                reserve(lease, body.size() + n);
                body.write(step, 0, n);
            }
            return body.toByteArray();
        } catch (IOException e) {
            // the client stopped sending (CLIENT_TIMEOUT) or went away
            throw new GatewayException(ErrorKind.TIMEOUT, "request_body_timeout", null,
                    "The request body could not be read completely.");
        }
    }

    private static void reserve(BodyBudget.Lease lease, long bytes) {
        if (!lease.growTo(bytes)) {
            throw new GatewayException(ErrorKind.UNAVAILABLE, "server_busy", null,
                    "The gateway holds as many request bodies as it may right now. Try again in "
                            + BUSY_RETRY_AFTER_SECONDS + " s.", Duration.ofSeconds(BUSY_RETRY_AFTER_SECONDS));
        }
    }

    private static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "invalid_encoding", null,
                    "The request body is not valid UTF-8.");
        }
    }

    private static GatewayException tooLarge(long cap) {
        return new GatewayException(ErrorKind.TOO_LARGE, "request_too_large", null,
                "The request body is larger than the " + cap + "-byte limit.");
    }

    private void refuse(HttpServletResponse response, ApiPaths.Door door, int status, OpenAiErrorBody openAi,
                        String message, Long retryAfterSeconds) throws IOException {
        response.setHeader("Connection", "close");
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        errors.write(response, door, status, openAi, message);
    }

    /** The request with its body already read, served again from memory. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        /**
         * Camel's binding reads the whole body through this reader at once: decoded in one step, without the
         * 8 KB byte and char buffers a reader over the stream would allocate for every request.
         */
        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.StringReader(new String(body, StandardCharsets.UTF_8)), 1);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Length".equalsIgnoreCase(name) ? String.valueOf(body.length) : super.getHeader(name);
        }
    }
}
