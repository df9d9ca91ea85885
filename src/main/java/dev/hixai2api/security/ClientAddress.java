package dev.hixai2api.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.hixai2api.config.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The client's address for rate limiting and the blacklist. X-Forwarded-For counts only when the connection
 * comes from a configured trusted proxy (TRUSTED_PROXIES: addresses or CIDR ranges), and then the rightmost
 * address that is not itself a trusted proxy is the client: everything left of it could have been written by the
 * client. Several header lines are one list, in their order (RFC 9110, 5.3). Addresses come back in one
 * canonical form ({@code ::1} as {@code 0:0:0:0:0:0:0:1}, {@code ::ffff:1.2.3.4} as {@code 1.2.3.4}); a hop
 * that is not an IP literal is returned as written.
 */
@Component
public final class ClientAddress {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String ATTRIBUTE = ClientAddress.class.getName();

    private final List<AddressRange> trustedProxies;

    /** One for the request gate and the routes' guard: TRUSTED_PROXIES is parsed once. */
    @Autowired
    public ClientAddress(GatewayProperties properties) {
        this(properties.trustedProxies());
    }

    /** @throws IllegalArgumentException naming the entry that is not an address or CIDR range */
    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = AddressRange.parseAll("TRUSTED_PROXIES", trustedProxies);
    }

    /**
     * The client of a servlet request, every X-Forwarded-For line counted: resolved once, then kept with the
     * request, as the request gate and the routes both ask.
     */
    public String resolve(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known;
        }
        String client = resolveLines(request.getRemoteAddr(), Collections.list(request.getHeaders(FORWARDED_FOR)));
        request.setAttribute(ATTRIBUTE, client);
        return client;
    }

    /** The client behind the X-Forwarded-For header lines, in the order they came. */
    public String resolveLines(String remoteAddress, List<String> forwardedForLines) {
        Optional<InetAddress> remote = address(remoteAddress);
        String client = remote.map(InetAddress::getHostAddress).orElse(remoteAddress);
        if (remote.filter(this::isTrusted).isEmpty()) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedForLines) {
            for (String hop : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = address(hops.get(i));
            if (hop.filter(this::isTrusted).isEmpty()) {
                return hop.map(InetAddress::getHostAddress).orElse(hops.get(i));
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * The address of a hop as proxies write it: bare, {@code [v6]} or {@code [v6]:port}, {@code v4:port}, with or
     * without an IPv6 zone id (meaningless off the proxy's own link).
     */
    private static Optional<InetAddress> address(String hop) {
        if (hop == null) {
            return Optional.empty();
        }
        String host = hop.trim();
        if (host.startsWith("[") && host.indexOf(']') > 0) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':') && host.indexOf('.') > 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        int zone = host.indexOf('%');
        return IpLiteral.parse(zone < 0 ? host : host.substring(0, zone));
    }
}
