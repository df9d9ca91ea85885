package dev.hixai2api.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers API requests with 503 and Retry-After until the gateway is ready, and again once it stops. Spring
 * Boot opens the port in its lifecycle start, but camel-spring-boot adds and starts the routes only on the
 * ContextRefreshedEvent that follows (about a second later): without this gate that window answers Spring's
 * 404. Readiness turns ACCEPTING_TRAFFIC after the CamelContext has started, and back when the context closes,
 * where Camel's routes stop before the web server does.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class StartupGate extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final ApplicationAvailability availability;
    private final FrontDoorErrors errors;

    public StartupGate(ApplicationAvailability availability, FrontDoorErrors errors) {
        this.availability = availability;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                || errors.apiOf(request.getRequestURI()).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // shouldNotFilter passed only API paths
        FrontDoorErrors.Api api = errors.apiOf(request.getRequestURI()).orElseThrow();
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        errors.write(response, api, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "service_unavailable", "not_ready",
                "The gateway is starting or stopping; retry in a moment.");
    }
}
