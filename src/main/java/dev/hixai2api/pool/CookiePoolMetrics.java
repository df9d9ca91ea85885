package dev.hixai2api.pool;

import dev.hixai2api.monitoring.TrafficMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.hixai2api.pool.HixCookie;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/** The cookie pool as operators watch it: the JMX MBean {@code hixai2api:type=CookiePool} and Prometheus gauges. */
@Component
@ManagedResource(objectName = "hixai2api:type=CookiePool", description = "HixAI accounts of the pool")
public class CookiePoolMetrics {

    private final CookieRepository repository;
    private final TrafficMetrics traffic;
    private final AtomicLong lastFullRefresh = new AtomicLong();

    public CookiePoolMetrics(CookieRepository repository, TrafficMetrics traffic, MeterRegistry registry) {
        this.repository = repository;
        this.traffic = traffic;
        for (String state : List.of("active", "disabled", "no_credit", "cooling_down")) {
            Gauge.builder("hixai2api.cookies", () -> count(state)).tag("state", state)
                    .description("Cookies by state").register(registry);
        }
        Gauge.builder("hixai2api.credit", this::getTotalStandardCredit).tag("type", "standard").register(registry);
        Gauge.builder("hixai2api.credit", this::getTotalAdvancedCredit).tag("type", "advanced").register(registry);
    }

    /** Called when a refresh of every cookie has finished. */
    public void refreshed() {
        lastFullRefresh.set(System.currentTimeMillis());
    }

    @ManagedAttribute(description = "Cookies serving requests")
    public long getActiveCookies() {
        return count("active");
    }

    @ManagedAttribute(description = "Cookies whose session HixAI refused")
    public long getDisabledCookies() {
        return count("disabled");
    }

    @ManagedAttribute(description = "Cookies out of credit until their next refresh")
    public long getNoCreditCookies() {
        return count("no_credit");
    }

    @ManagedAttribute(description = "Cookies skipped for a while after a transient failure")
    public long getCoolingDownCookies() {
        return count("cooling_down");
    }

    @ManagedAttribute(description = "Standard credit of all cookies")
    public long getTotalStandardCredit() {
        return repository.findAll().stream().mapToLong(HixCookie::credit).sum();
    }

    @ManagedAttribute(description = "Advanced credit of all cookies")
    public long getTotalAdvancedCredit() {
        return repository.findAll().stream().mapToLong(HixCookie::advancedCredit).sum();
    }

    @ManagedAttribute(description = "Attempts moved to another cookie")
    public long getFailovers() {
        return traffic.getFailovers();
    }

    @ManagedAttribute(description = "When every cookie's credit was last refreshed (ISO-8601), or empty")
    public String getLastRefresh() {
        long at = lastFullRefresh.get();
        return at == 0 ? "" : Instant.ofEpochMilli(at).toString();
    }

    private long count(String state) {
        return repository.findAll().stream().map(HixCookie::displayState).filter(s -> Objects.equals(s, state)).count();
    }
}
