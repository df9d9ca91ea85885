package dev.hixai2api.monitoring;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * Traffic of the gateway's API: requests, open streams, failovers and errors by class. The same counters feed
 * the JMX MBean {@code hixai2api:type=Traffic} and the Prometheus metrics {@code hixai2api_*}.
 */
@Component
@ManagedResource(objectName = "hixai2api:type=Traffic", description = "Requests, open streams and errors of the API")
public class TrafficMetrics {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong openStreams = new AtomicLong();
    private final AtomicLong failovers = new AtomicLong();
    private final Map<String, AtomicLong> errorsByClass = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public TrafficMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("hixai2api.requests", requests, AtomicLong::get)
                .description("API requests received").register(registry);
        Gauge.builder("hixai2api.streams.open", openStreams, AtomicLong::get)
                .description("Answers being streamed now").register(registry);
        FunctionCounter.builder("hixai2api.failovers", failovers, AtomicLong::get)
                .description("Attempts moved to another cookie").register(registry);
    }

    public void requestReceived() {
        requests.incrementAndGet();
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    public void failedOver() {
        failovers.incrementAndGet();
    }

    /** @param errorClass a stable name such as {@code upstream_failed} or {@code invalid_api_key} */
    public void error(String errorClass) {
        errorsByClass.computeIfAbsent(errorClass, name -> {
            AtomicLong counter = new AtomicLong();
            FunctionCounter.builder("hixai2api.errors", counter, AtomicLong::get)
                    .tag("class", name).description("API errors by class").register(registry);
            return counter;
        }).incrementAndGet();
    }

    @ManagedAttribute(description = "API requests received")
    public long getRequests() {
        return requests.get();
    }

    @ManagedAttribute(description = "Answers being streamed now")
    public long getOpenStreams() {
        return openStreams.get();
    }

    @ManagedAttribute(description = "Attempts moved to another cookie")
    public long getFailovers() {
        return failovers.get();
    }

    @ManagedAttribute(description = "Errors answered, by class")
    public Map<String, Long> getErrorsByClass() {
        Map<String, Long> errors = new TreeMap<>();
        errorsByClass.forEach((name, count) -> errors.put(name, count.get()));
        return errors;
    }

    @ManagedAttribute(description = "Errors answered, all classes")
    public long getErrors() {
        return errorsByClass.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
