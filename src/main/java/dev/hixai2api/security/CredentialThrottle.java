package dev.hixai2api.security;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hixai2api.config.GatewayProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import org.springframework.stereotype.Component;

/**
 * AUTH_FAILURE_LIMIT: wrong credentials (API keys and the backend secret alike) a client may present per
 * minute, as a token bucket per client address. Once its failures are used up, the client is refused before
 * its credential is even compared, so a right guess cannot be told from a wrong one until the bucket refills.
 */
@Component
public class CredentialThrottle {

    private final int perMinute;
    /** Only clients that failed lately have a bucket; idle ones are forgotten, and the map is bounded. */
    private final Cache<String, Bucket> failures = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(100_000)
            .build();

    public CredentialThrottle(GatewayProperties properties) {
        this.perMinute = properties.authFailureLimit();
    }

    /** Seconds the client must wait before it may present a credential again; 0 when it may now. */
    public long secondsToWait(String client) {
        Bucket bucket = perMinute <= 0 ? null : failures.getIfPresent(client);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0
                : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    /** Counts one wrong or missing credential of this client. */
    public void failed(String client) {
        if (perMinute > 0) {
            failures.get(client, c -> newBucket()).tryConsume(1);
        }
    }

    public int perMinute() {
        return perMinute;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
