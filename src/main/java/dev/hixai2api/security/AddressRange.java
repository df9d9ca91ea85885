package dev.hixai2api.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.catalina.util.NetMask;

/**
 * One entry of IP_BLACK_LIST or TRUSTED_PROXIES: an address ({@code 10.0.0.5}, {@code ::1}) or a CIDR range
 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Matching is Tomcat's NetMask, over the address bytes, so every
 * spelling of an IPv6 address is the same address.
 */
public final class AddressRange {

    private static final Pattern ENTRY = Pattern.compile("([^/]+)(?:/(\\d{1,3}))?");
    /** An IPv4-mapped IPv6 range (::ffff:10.0.0.0/104) is the IPv4 range behind its last 32 bits. */
    private static final int MAPPED_PREFIX_BITS = 96;

    private final NetMask mask;

    private AddressRange(NetMask mask) {
        this.mask = mask;
    }

    /** The ranges of a setting; an entry that is not an address or range stops the start, named in the message. */
    public static List<AddressRange> parseAll(String setting, List<String> entries) {
        return entries.stream().map(entry -> parse(setting, entry)).toList();
    }

    static AddressRange parse(String setting, String entry) {
        Matcher parts = ENTRY.matcher(entry.trim());
        InetAddress address = parts.matches() ? IpLiteral.parse(parts.group(1)).orElse(null) : null;
        if (address == null) {
            throw new IllegalArgumentException(setting + " entry '" + entry
                    + "' is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, ::1, 2001:db8::/32)");
        }
        boolean mapped = address instanceof Inet4Address && parts.group(1).indexOf(':') >= 0;
        int minBits = mapped ? MAPPED_PREFIX_BITS : 0;
        int maxBits = mapped ? 128 : address.getAddress().length * 8;
        int bits = parts.group(2) == null ? maxBits : Integer.parseInt(parts.group(2));
        if (bits < minBits || bits > maxBits) {
            throw new IllegalArgumentException(setting + " entry '" + entry + "' has a prefix length outside "
                    + minBits + ".." + maxBits);
        }
        // the canonical literal, so NetMask's own InetAddress.getByName never sees a host name
        return new AddressRange(new NetMask(address.getHostAddress() + "/" + (bits - minBits)));
    }

    public boolean contains(InetAddress address) {
        return mask.matches(address);
    }
}
