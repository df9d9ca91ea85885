package dev.hixai2api.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every API body is JSON, whatever Content-Type the client sent (as with the Go tool): {@code curl -d} sends
 * form encoding, which the servlet stack would otherwise consume as form parameters before the routes read it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class JsonBodyFilter extends OncePerRequestFilter {

    private final ApiPaths paths;

    public JsonBodyFilter(ApiPaths paths) {
        this.paths = paths;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean api = paths.of(request) != ApiPaths.Door.NONE;
        if (api && (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("json"))) {
            chain.doFilter(new AsJson(request), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static final class AsJson extends HttpServletRequestWrapper {

        AsJson(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of(getContentType())) : super.getHeaders(name);
        }
    }
}
