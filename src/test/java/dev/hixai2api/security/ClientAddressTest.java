package dev.hixai2api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress address = new ClientAddress(List.of("10.0.0.5", "10.0.0.6"));

    @Test
    void withoutATrustedProxyTheConnectionsAddressCounts() {
        assertThat(address.resolveLines("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
        assertThat(address.resolveLines("198.51.100.7", List.of())).isEqualTo("198.51.100.7");
        assertThat(address.resolveLines("198.51.100.7", List.of("203.0.113.1", "203.0.113.2"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        assertThat(address.resolveLines("10.0.0.5", List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(address.resolveLines("10.0.0.5", List.of("1.1.1.1, 203.0.113.1, 10.0.0.6"))).isEqualTo("203.0.113.1");
        assertThat(address.resolveLines("10.0.0.5", List.of(" , 10.0.0.6"))).isEqualTo("10.0.0.5");
        assertThat(address.resolveLines("10.0.0.5", List.of(""))).isEqualTo("10.0.0.5");
    }

    @Test
    void everyForwardedForLineCountsInItsOrder() {
        assertThat(address.resolveLines("10.0.0.5", List.of("203.0.113.1", "198.51.100.2"))).isEqualTo("198.51.100.2");
        assertThat(address.resolveLines("10.0.0.5", List.of("203.0.113.1, 198.51.100.2", "10.0.0.6")))
                .as("the second line holds only a trusted hop").isEqualTo("198.51.100.2");
        assertThat(address.resolveLines("10.0.0.5", List.of("203.0.113.1", "", "10.0.0.6, 10.0.0.5")))
                .isEqualTo("203.0.113.1");
        assertThat(address.resolveLines("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    }

    @Test
    void entriesLeftOfTheClientCannotSpoofIt() {
        // the client wrote the first line and the left part of the second; the proxies appended the rest
        List<String> lines = List.of("10.0.0.6, 127.0.0.1", "192.0.2.1, 198.51.100.9, 10.0.0.6");
        assertThat(address.resolveLines("10.0.0.5", lines)).isEqualTo("198.51.100.9");
    }

    @Test
    void trustedProxiesMayBeCidrRangesOfEitherFamily() {
        ClientAddress ranges = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8", "::1"));
        assertThat(ranges.resolveLines("10.200.3.4", List.of("203.0.113.1, 10.1.1.1"))).isEqualTo("203.0.113.1");
        assertThat(ranges.resolveLines("fd12:3456::1", List.of("2001:db8::7, fdff::2"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(ranges.resolveLines("0:0:0:0:0:0:0:1", List.of("198.51.100.3"))).as("::1 is 0:0:0:0:0:0:0:1").isEqualTo("198.51.100.3");
        assertThat(ranges.resolveLines("11.0.0.1", List.of("203.0.113.1"))).isEqualTo("11.0.0.1");
    }

    @Test
    void addressesComeBackInOneCanonicalForm() {
        ClientAddress v6Proxy = new ClientAddress(List.of("2001:db8::5"));
        assertThat(v6Proxy.resolveLines("2001:DB8:0:0:0:0:0:5", List.of("2001:db8::1:0:0:7"))).isEqualTo("2001:db8:0:0:1:0:0:7");
        assertThat(v6Proxy.resolveLines("2001:db8::5", List.of("::ffff:192.0.2.1"))).as("IPv4-mapped").isEqualTo("192.0.2.1");
        assertThat(v6Proxy.resolveLines("2001:db8::5", List.of("[2001:db8::9]:443"))).isEqualTo("2001:db8:0:0:0:0:0:9");
        assertThat(v6Proxy.resolveLines("2001:db8::5", List.of("192.0.2.1:5678"))).isEqualTo("192.0.2.1");
        assertThat(v6Proxy.resolveLines("2001:db8::5", List.of("fe80::1%eth0"))).isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThat(v6Proxy.resolveLines("::1", List.of())).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(v6Proxy.resolveLines("2001:db8::5", List.of("unknown"))).as("not an address: as written").isEqualTo("unknown");
    }

    @Test
    void anInvalidTrustedProxyStopsTheStartNamingIt() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.5", "localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TRUSTED_PROXIES entry 'localhost' is not an IP address or CIDR range");
    }
}
