package dev.hixai2api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without ever asking DNS: InetAddress.getByName resolves anything that does not look
 * like a literal, so only text that can only be a literal reaches it.
 */
final class IpLiteral {

    /** Four decimal octets without leading zeros, which some parsers read as octal. */
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
    /** Hex groups and colons, an embedded IPv4 tail allowed; with a colon in it the JDK parses it as IPv6 or fails. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private IpLiteral() {
    }

    /**
     * The address written as {@code text}: a dotted-quad IPv4 or an IPv6 literal (canonical or compressed, an
     * IPv4-mapped one becomes the IPv4 address); empty for anything else (host names, zone ids, brackets).
     */
    static Optional<InetAddress> parse(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                octets[i] = (byte) octet;
            }
            return Optional.of(address(octets));
        }
        if (text.indexOf(':') < 0 || !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notAnIpv6Literal) {
            return Optional.empty();
        }
    }

    /** The address of raw bytes (4 or 16), which never involves a lookup. */
    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }
}
