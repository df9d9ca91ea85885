package dev.hixai2api.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.hixai2api.config.GatewayProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** SWAGGER_ENABLE=0: Swagger UI and its assets answer 404 like the (then unregistered) OpenAPI document. */
@Component
public class SwaggerGate extends OncePerRequestFilter {

    private final boolean swaggerEnabled;

    public SwaggerGate(GatewayProperties properties) {
        this.swaggerEnabled = properties.swaggerEnable();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return swaggerEnabled || !path.startsWith("/swagger") && !path.startsWith("/webjars/swagger-ui");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
