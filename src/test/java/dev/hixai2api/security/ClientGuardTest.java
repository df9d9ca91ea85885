package dev.hixai2api.security;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hixai2api.config.TestGatewayProperties;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import org.junit.jupiter.api.Test;

/** The blacklist over addresses and ranges, and rate-limit buckets per IPv4 address and per IPv6 /64. */
class ClientGuardTest {

    @Test
    void everySpellingOfABlacklistedAddressIsRefused() {
        for (String entry : List.of("::1", "0:0:0:0:0:0:0:1", "::1/128")) {
            ClientGuard guard = guard(0, List.of(entry));
            assertThat(statusOf(() -> guard.check("0:0:0:0:0:0:0:1"))).as(entry).isEqualTo(403);
            assertThat(statusOf(() -> guard.checkBlacklist("::1"))).as(entry).isEqualTo(403);
            assertThat(statusOf(() -> guard.check("::2"))).as(entry).isZero();
        }
        ClientGuard ranges = guard(0, List.of("127.0.0.0/8", "2001:db8::/32"));
        assertThat(statusOf(() -> ranges.check("127.0.0.1"))).isEqualTo(403);
        assertThat(statusOf(() -> ranges.check("127.255.0.9"))).isEqualTo(403);
        assertThat(statusOf(() -> ranges.check("2001:db8:ffff::1"))).isEqualTo(403);
        assertThat(statusOf(() -> ranges.check("128.0.0.1"))).isZero();
        assertThat(statusOf(() -> ranges.check("2001:db9::1"))).isZero();
        assertThat(statusOf(() -> ranges.check("unknown"))).as("no address, no range holds it").isZero();
    }

    @Test
    void ipv6ClientsOfOneSlash64ShareABucketIpv4ClientsEachHaveTheirOwn() {
        ClientGuard guard = guard(2, List.of());
        assertThat(statusOf(() -> guard.check("2001:db8:1:2::1"))).isZero();
        assertThat(statusOf(() -> guard.check("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isZero();
        assertThat(statusOf(() -> guard.check("2001:db8:1:2:a:b:c:d"))).as("third request of the /64").isEqualTo(429);
        assertThat(statusOf(() -> guard.check("2001:db8:1:3::1"))).as("the next /64").isZero();

        assertThat(statusOf(() -> guard.check("192.0.2.1"))).isZero();
        assertThat(statusOf(() -> guard.check("192.0.2.1"))).isZero();
        assertThat(statusOf(() -> guard.check("192.0.2.1"))).isEqualTo(429);
        assertThat(statusOf(() -> guard.check("192.0.2.2"))).as("the neighbouring IPv4 address").isZero();
    }

    @Test
    void anInvalidBlacklistEntryStopsTheStartNamingIt() {
        assertThatThrownBy(() -> guard(0, List.of("10.0.0.1", "localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IP_BLACK_LIST entry 'localhost' is not an IP address or CIDR range");
        assertThatThrownBy(() -> guard(0, List.of("10.0.0.0/40")))
                .hasMessage("IP_BLACK_LIST entry '10.0.0.0/40' has a prefix length outside 0..32");
    }

    /** The status the guard refuses with, 0 when it lets the request through. */
    private static int statusOf(Runnable check) {
        try {
            check.run();
            return 0;
        } catch (GatewayException refused) {
            return refused.kind().status();
        }
    }

    private static ClientGuard guard(int perMinute, List<String> blackList) {
        return new ClientGuard(TestGatewayProperties.of(Map.of("request-rate-limit", perMinute,
                "ip-black-list", String.join(",", blackList))));
    }
}
