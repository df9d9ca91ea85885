package dev.hixai2api.admin;

import java.util.Map;

import dev.hixai2api.pool.CookiePoolMetrics;
import dev.hixai2api.monitoring.TrafficMetrics;

/**
 * GET /api/status: the JMX counters, for the console's live status strip, and where the OpenAI routes are
 * ({@code /v1}, or {@code /hf/v1} with ROUTE_PREFIX=hf) for its playground.
 */
public record GatewayStatus(long requests, long openStreams, long failovers, long errors,
                            Map<String, Long> errorsByClass, long activeCookies, long disabledCookies,
                            long noCreditCookies, long coolingDownCookies, long totalStandardCredit,
                            long totalAdvancedCredit, String lastRefresh, String openAiPath) {

    static GatewayStatus of(TrafficMetrics traffic, CookiePoolMetrics pool, String openAiPath) {
        return new GatewayStatus(traffic.getRequests(), traffic.getOpenStreams(), traffic.getFailovers(),
                traffic.getErrors(), traffic.getErrorsByClass(), pool.getActiveCookies(), pool.getDisabledCookies(),
                pool.getNoCreditCookies(), pool.getCoolingDownCookies(), pool.getTotalStandardCredit(),
                pool.getTotalAdvancedCredit(), pool.getLastRefresh(), openAiPath);
    }
}
