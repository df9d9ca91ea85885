package dev.hixai2api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress address = new ClientAddress(List.of("10.0.0.5", "10.0.0.6"));

    @Test
    void withoutATrustedProxyTheConnectionsAddressCounts() {
        assertThat(address.resolve("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
        assertThat(address.resolve("198.51.100.7", null)).isEqualTo("198.51.100.7");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        assertThat(address.resolve("10.0.0.5", "203.0.113.1")).isEqualTo("203.0.113.1");
        assertThat(address.resolve("10.0.0.5", "1.1.1.1, 203.0.113.1, 10.0.0.6")).isEqualTo("203.0.113.1");
        assertThat(address.resolve("10.0.0.5", " , 10.0.0.6")).isEqualTo("10.0.0.5");
        assertThat(address.resolve("10.0.0.5", "")).isEqualTo("10.0.0.5");
    }
}
