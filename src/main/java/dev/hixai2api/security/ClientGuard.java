package dev.hixai2api.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * IP_BLACK_LIST (addresses and CIDR ranges) and REQUEST_RATE_LIMIT (requests per minute per client, as a token
 * bucket). An IPv6 client is its /64: one host usually holds a whole /64 and could otherwise take a fresh budget
 * for every request.
 */
@Component
public class ClientGuard {

    private static final int IPV6_CLIENT_PREFIX_BYTES = 8;

    private final List<AddressRange> blocked;
    private final int perMinute;
    /** One bucket per client seen lately; idle clients are forgotten, and the map is bounded. */
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(100_000)
            .build();

    public ClientGuard(GatewayProperties properties) {
        this.blocked = AddressRange.parseAll("IP_BLACK_LIST", properties.ipBlackList());
        this.perMinute = properties.requestRateLimit();
    }

    /** @param clientIp as {@link ClientAddress} resolves it */
    public void check(String clientIp) {
        Optional<InetAddress> address = IpLiteral.parse(clientIp);
        checkBlacklist(address);
        if (perMinute <= 0) {
            return;
        }
        String bucketKey = address.map(ClientGuard::bucketKey).orElse(clientIp);
        ConsumptionProbe probe = buckets.get(bucketKey, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new GatewayException(ErrorKind.RATE_LIMITED, "rate_limit_exceeded", null,
                    "Rate limit reached: " + perMinute + " requests per minute per client. Try again in " + seconds
                            + " s.", Duration.ofSeconds(seconds));
        }
    }

    public void checkBlacklist(String clientIp) {
        checkBlacklist(IpLiteral.parse(clientIp));
    }

    private void checkBlacklist(Optional<InetAddress> client) {
        if (client.filter(address -> blocked.stream().anyMatch(range -> range.contains(address))).isPresent()) {
            throw new GatewayException(ErrorKind.PERMISSION, "ip_blocked", null,
                    "Requests from your address are refused by this gateway (IP_BLACK_LIST).");
        }
    }

    private static String bucketKey(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, IPV6_CLIENT_PREFIX_BYTES, prefix.length, (byte) 0);
        return IpLiteral.address(prefix).getHostAddress() + "/64";
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
