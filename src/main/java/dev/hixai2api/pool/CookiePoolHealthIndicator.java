package dev.hixai2api.pool;

import java.util.List;

import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.pool.CookiePool;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: the gateway can answer chats only while some stored cookie can pay for some model. Cookies that
 * are only cooling down still count: the pool falls back on them.
 */
@Component
public class CookiePoolHealthIndicator implements HealthIndicator {

    private final CookiePool pool;
    private final ModelRegistry models;

    public CookiePoolHealthIndicator(CookiePool pool, ModelRegistry models) {
        this.pool = pool;
        this.models = models;
    }

    @Override
    public Health health() {
        List<?> servable = pool.servable(models.all());
        return servable.isEmpty()
                ? Health.outOfService().withDetail("reason", "no stored cookie can pay for any model").build()
                : Health.up().withDetail("servableModels", servable.size()).build();
    }
}
