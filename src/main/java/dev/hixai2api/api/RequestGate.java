package dev.hixai2api.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.admin.AdminException;
import dev.hixai2api.admin.BackendSecret;
import dev.hixai2api.admin.Envelope;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.openai.OpenAiErrorBody;
import dev.hixai2api.openai.OpenAiException;
import dev.hixai2api.security.ApiKeyAuthenticator;
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
 * as soon as it takes the request. So here, in this order: credentials in the Authorization header (a query
 * parameter of that name counts for nothing), the declared and the actual size against the cap, and strict
 * UTF-8. A body that passes is handed on from memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestGate extends OncePerRequestFilter {

    private static final int ADMIN_MAX_BODY = 64 * 1024;

    private final ApiKeyAuthenticator apiKeys;
    private final BackendSecret backendSecret;
    private final ObjectMapper mapper;
    private final long maxBody;
    private final boolean adminEnabled;

    public RequestGate(ApiKeyAuthenticator apiKeys, BackendSecret backendSecret, ObjectMapper mapper,
                       GatewayProperties properties) {
        this.apiKeys = apiKeys;
        this.backendSecret = backendSecret;
        this.mapper = mapper;
        this.maxBody = properties.maxBodySize().toBytes();
        this.adminEnabled = properties.backendApiEnable();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.contains("/v1/") || path.startsWith("/api/") && adminEnabled);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admin = request.getRequestURI().startsWith("/api/");
        try {
            // the servlet header only: Camel would also take an Authorization query parameter for one
            String authorization = request.getHeader("Authorization");
            if (admin) {
                backendSecret.authorize(authorization);
            } else {
                apiKeys.authorize(authorization);
            }
            if (!hasBody(request)) {
                chain.doFilter(request, response);
                return;
            }
            long cap = admin ? ADMIN_MAX_BODY : maxBody;
            if (request.getContentLengthLong() > cap) {
                throw tooLarge(cap);
            }
            byte[] body = readBounded(request, cap);
            requireUtf8(body);
            chain.doFilter(new CachedBody(request, body), response);
        } catch (OpenAiException e) {
            refuse(response, admin, e.status(), OpenAiErrorBody.of(e.type(), e.code(), e.param(), e.getMessage()), e.getMessage());
        } catch (AdminException e) {
            refuse(response, true, e.status(), null, e.getMessage());
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static byte[] readBounded(HttpServletRequest request, long cap) {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (body.length > cap) {
                throw tooLarge(cap);
            }
            return body;
        } catch (IOException e) {
            // the client stopped sending (CLIENT_TIMEOUT) or went away
            throw new OpenAiException(408, "invalid_request_error", "request_body_timeout", null,
                    "The request body could not be read completely.");
        }
    }

    private static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new OpenAiException(400, "invalid_request_error", "invalid_encoding", null,
                    "The request body is not valid UTF-8.");
        }
    }

    private static OpenAiException tooLarge(long cap) {
        return new OpenAiException(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than the " + cap + "-byte limit.");
    }

    private void refuse(HttpServletResponse response, boolean admin, int status, OpenAiErrorBody openAi, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.getOutputStream().write(mapper.writeValueAsBytes(admin ? Envelope.failed(message) : openAi));
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

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
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
