package dev.hixai2api.api;

import java.io.IOException;
import java.util.Optional;

import dev.hixai2api.config.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the client API only ({@code ROUTE_PREFIX/v1/**}, judged on the routed path): browser preflights are
 * answered here, ahead of the gates, since a preflight carries no API key; actual requests get their
 * Access-Control-Allow-Origin before anything else runs, so a page can read their errors (401, 429, 503) too.
 * The admin API, the console and Swagger UI never pass through it and so never allow another origin.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class ClientApiCorsFilter extends OncePerRequestFilter {

    private final ApiPaths paths;
    private final FrontDoorErrors errors;
    private final CorsPolicy policy;

    public ClientApiCorsFilter(ApiPaths paths, FrontDoorErrors errors, GatewayProperties properties) {
        this.paths = paths;
        this.errors = errors;
        this.policy = new CorsPolicy(properties.corsAllowedOrigins());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        ApiPaths.Door door = paths.of(request);
        // every door under ROUTE_PREFIX/v1 is client API, whatever dialect it speaks
        return request.getHeader(HttpHeaders.ORIGIN) == null || door == ApiPaths.Door.ADMIN
                || door == ApiPaths.Door.NONE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        Optional<String> allowOrigin = policy.allowOrigin(origin);
        if (policy.variesByOrigin()) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
        String requestedMethod = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if ("OPTIONS".equals(request.getMethod()) && requestedMethod != null) {
            preflight(request, response, origin, allowOrigin, requestedMethod);
            return;
        }
        allowOrigin.ifPresent(allowed -> {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, CorsPolicy.EXPOSED_HEADERS);
        });
        chain.doFilter(request, response);
    }

    private void preflight(HttpServletRequest request, HttpServletResponse response, String origin,
                           Optional<String> allowOrigin, String requestedMethod) throws IOException {
        if (allowOrigin.isEmpty()) {
            refuse(request, response, "cors_origin_not_allowed", policy.off()
                    ? "Cross-origin requests are turned off on this gateway (CORS_ALLOWED_ORIGINS is empty)."
                    : "The origin " + origin + " is not in CORS_ALLOWED_ORIGINS.");
            return;
        }
        if (!policy.allowsMethod(requestedMethod)) {
            refuse(request, response, "cors_method_not_allowed", "Cross-origin " + requestedMethod
                    + " requests are not allowed; allowed: " + CorsPolicy.ALLOWED_METHODS + ".");
            return;
        }
        // the answer echoes the requested headers: caches must tell one preflight from another
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin.get());
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, CorsPolicy.ALLOWED_METHODS);
        policy.allowHeaders(request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS))
                .ifPresent(headers -> response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers));
        response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, String.valueOf(CorsPolicy.MAX_AGE_SECONDS));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** In the error shape of the door the preflight was for. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String code, String message)
            throws IOException {
        // shouldNotFilter passed only client API paths, each of which has its error shape
        ApiPaths.Door api = errors.apiOf(ApiPaths.routedPath(request)).orElseThrow();
        errors.write(response, api, HttpServletResponse.SC_FORBIDDEN, "invalid_request_error", code, message);
    }
}
