package dev.hixai2api.security;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.openai.OpenAiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/** IP_BLACK_LIST and REQUEST_RATE_LIMIT (requests per minute per client IP, as a token bucket). */
@Component
public class ClientGuard {

    private final Set<String> blocked;
    private final int perMinute;
    /** One bucket per client seen lately; idle clients are forgotten, and the map is bounded. */
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(100_000)
            .build();

    public ClientGuard(GatewayProperties properties) {
        this.blocked = Set.copyOf(properties.ipBlackList());
        this.perMinute = properties.requestRateLimit();
    }

    public void check(String clientIp) {
        checkBlacklist(clientIp);
        if (perMinute <= 0) {
            return;
        }
        ConsumptionProbe probe = buckets.get(clientIp, ip -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new OpenAiException(429, "rate_limit_error", "rate_limit_exceeded", null,
                    "Rate limit reached: " + perMinute + " requests per minute per client. Try again in " + seconds
                            + " s.", seconds);
        }
    }

    public void checkBlacklist(String clientIp) {
        if (blocked.contains(clientIp)) {
            throw new OpenAiException(403, "permission_error", "ip_blocked", null,
                    "Requests from your address are refused by this gateway (IP_BLACK_LIST).");
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
