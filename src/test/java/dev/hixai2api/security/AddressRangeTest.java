package dev.hixai2api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entries of IP_BLACK_LIST and TRUSTED_PROXIES: literals only, every spelling of an address alike, CIDR edges. */
class AddressRangeTest {

    @Test
    void aSingleAddressMatchesOnlyItselfInAnySpelling() {
        for (String entry : new String[] {"::1", "0:0:0:0:0:0:0:1", "0000:0000::0001", "::1/128"}) {
            AddressRange range = range(entry);
            assertThat(range.contains(ip("0:0:0:0:0:0:0:1"))).as(entry).isTrue();
            assertThat(range.contains(ip("::2"))).as(entry).isFalse();
            assertThat(range.contains(ip("127.0.0.1"))).as(entry).isFalse();
        }
        assertThat(range("2001:DB8::A").contains(ip("2001:db8:0:0:0:0:0:a"))).isTrue();
        assertThat(range("192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
        assertThat(range("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    }

    @Test
    void cidrRangesIncludeBothEndsAndNothingBeyond() {
        AddressRange v4 = range("192.0.2.128/25");
        assertThat(v4.contains(ip("192.0.2.128"))).isTrue();
        assertThat(v4.contains(ip("192.0.2.255"))).isTrue();
        assertThat(v4.contains(ip("192.0.2.127"))).isFalse();
        assertThat(v4.contains(ip("192.0.3.128"))).isFalse();

        AddressRange loopback = range("127.0.0.0/8");
        assertThat(loopback.contains(ip("127.255.255.255"))).isTrue();
        assertThat(loopback.contains(ip("128.0.0.0"))).isFalse();

        AddressRange v6 = range("2001:db8:0:ff00::/56");
        assertThat(v6.contains(ip("2001:db8:0:ff00::"))).isTrue();
        assertThat(v6.contains(ip("2001:db8:0:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(v6.contains(ip("2001:db8:0:fe00::1"))).isFalse();
        assertThat(v6.contains(ip("2001:db8:1:ff00::"))).isFalse();

        assertThat(range("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(range("0.0.0.0/0").contains(ip("::1"))).as("an IPv4 range holds no IPv6 address").isFalse();
        assertThat(range("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(range("10.1.2.3/8").contains(ip("10.200.0.1"))).as("host bits of the entry are ignored").isTrue();
    }

    @Test
    void ipv4MappedAddressesAndRangesAreTheirIpv4Counterparts() {
        assertThat(range("::ffff:10.0.0.0/104").contains(ip("10.9.8.7"))).isTrue();
        assertThat(range("::ffff:10.0.0.0/104").contains(ip("11.0.0.1"))).isFalse();
        assertThat(range("::ffff:192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
        assertThat(range("192.0.2.0/24").contains(ip("::ffff:192.0.2.7"))).isTrue();
        assertThat(range("::ffff:0.0.0.0/96").contains(ip("198.51.100.1"))).isTrue();
    }

    /** "localhost" would resolve to 127.0.0.1 if it ever reached InetAddress.getByName: entries are never looked up. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "1.2.3", "256.0.0.1", "010.0.0.1", "0x7f.0.0.1",
            "[::1]", "fe80::1%lo", "::1::2", "1.2.3.4:80", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/",
            "10.0.0.0/ 8", "10.0.0.0/8/8", "::ffff:10.0.0.0/95", "10.0.0.1 10.0.0.2", ""})
    void anEntryThatIsNotALiteralOrRangeIsRefusedByName(String entry) {
        assertThatThrownBy(() -> AddressRange.parse("IP_BLACK_LIST", entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IP_BLACK_LIST entry '" + entry + "' ");
    }

    private static AddressRange range(String entry) {
        return AddressRange.parse("TEST", entry);
    }

    private static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
