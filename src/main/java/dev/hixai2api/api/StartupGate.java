package dev.hixai2api.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers API requests with 503 and Retry-After while the routes do not exist. Spring Boot opens the port in
 * its lifecycle start, but camel-spring-boot adds and starts the routes only on the ContextRefreshedEvent that
 * follows (a second or more later): without this gate that window answers Spring's 404. The gate opens on
 * ApplicationStartedEvent, which follows the refresh (and precedes liveness turning CORRECT), and closes on
 * ContextClosedEvent, before the lifecycle stops Camel's routes (ahead of the web server).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class StartupGate extends OncePerRequestFilter {

    private static final String RETRY_AFTER_SECONDS = "1";

    private final FrontDoorErrors errors;
    private volatile boolean routesUp;

    public StartupGate(FrontDoorErrors errors) {
        this.errors = errors;
    }

    @EventListener(ApplicationStartedEvent.class)
    void open() {
        routesUp = true;
    }

    @EventListener(ContextClosedEvent.class)
    void close() {
        routesUp = false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return routesUp || errors.apiOf(ApiPaths.routedPath(request)).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // shouldNotFilter passed only API paths
        ApiPaths.Door api = errors.apiOf(ApiPaths.routedPath(request)).orElseThrow();
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        errors.write(response, api, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "service_unavailable", "not_ready",
                "The gateway is starting or stopping; retry in a moment.");
    }
}
