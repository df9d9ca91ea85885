package dev.hixai2api.api;

import dev.hixai2api.monitoring.TrafficMetrics;
import dev.hixai2api.security.ClientGuard;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/** First step of every API route: refuses blacklisted and over-eager client addresses. */
@Component
public class GuardClient implements Processor {

    private final ClientGuard guard;
    private final TrafficMetrics traffic;

    public GuardClient(ClientGuard guard, TrafficMetrics traffic) {
        this.guard = guard;
        this.traffic = traffic;
    }

    @Override
    public void process(Exchange exchange) {
        traffic.requestReceived();
        guard.check(clientIp(exchange));
    }

    static String clientIp(Exchange exchange) {
        return exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest().getRemoteAddr() : "unknown";
    }
}
