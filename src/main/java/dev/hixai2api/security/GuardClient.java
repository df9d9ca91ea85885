package dev.hixai2api.security;

import dev.hixai2api.monitoring.TrafficMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/** First step of every API route: refuses blacklisted and over-eager client addresses. */
@Component
public class GuardClient implements Processor {

    private final ClientGuard guard;
    private final TrafficMetrics traffic;
    private final ClientAddress clientAddress;

    public GuardClient(ClientGuard guard, TrafficMetrics traffic, ClientAddress clientAddress) {
        this.guard = guard;
        this.traffic = traffic;
        this.clientAddress = clientAddress;
    }

    /** /v1: counted as traffic, blacklist and rate limit. */
    @Override
    public void process(Exchange exchange) {
        traffic.requestReceived();
        guard.check(clientIp(exchange));
    }

    /**
     * /api: the blacklist only. The admin API sits behind its secret, and the console polls it: neither its
     * calls nor the operator's budget should mix with the API traffic.
     */
    public void checkAdmin(Exchange exchange) {
        guard.checkBlacklist(clientIp(exchange));
    }

    private String clientIp(Exchange exchange) {
        if (!(exchange.getIn() instanceof PlatformHttpMessage http)) {
            return "unknown";
        }
        return clientAddress.resolve(http.getRequest());
    }
}
