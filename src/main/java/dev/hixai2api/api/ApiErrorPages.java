package dev.hixai2api.api;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors no route wrote (an unknown path, a known path with the wrong method, a media type no route takes)
 * reach the container's error dispatch, where Spring would answer its own JSON. Under /v1 and /api this writes
 * them in the API's shape instead, keeping their status and headers (Allow on a 405).
 */
@Component
public class ApiErrorPages extends OncePerRequestFilter {

    private final FrontDoorErrors errors;

    public ApiErrorPages(FrontDoorErrors errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return apiOf(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiPaths.Door api = apiOf(request).orElseThrow();
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = response.getStatus();
        String call = request.getMethod() + " " + path;
        switch (status) {
            case 404 -> errors.write(response, api, status, "invalid_request_error", "unknown_url",
                    "Invalid URL (" + call + "): no such endpoint.");
            case 405 -> {
                String allowed = response.getHeader("Allow");
                errors.write(response, api, status, "invalid_request_error", "method_not_allowed",
                        "Invalid method for URL (" + call + ")" + (allowed == null ? "." : "; allowed: " + allowed + "."));
            }
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                String reason = known == null ? "HTTP " + status : known.getReasonPhrase();
                errors.write(response, api, status, status >= 500 ? "server_error" : "invalid_request_error",
                        reason.toLowerCase().replace(' ', '_'), reason + " (" + call + ").");
            }
        }
    }

    private Optional<ApiPaths.Door> apiOf(HttpServletRequest request) {
        return errors.apiOf((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    }

    /** Runs on the error dispatch only: requests themselves never pass through it. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<ApiErrorPages> apiErrorPagesRegistration(ApiErrorPages filter) {
            FilterRegistrationBean<ApiErrorPages> registration = new FilterRegistrationBean<>(filter);
            registration.setDispatcherTypes(EnumSet.of(DispatcherType.ERROR));
            return registration;
        }
    }
}
