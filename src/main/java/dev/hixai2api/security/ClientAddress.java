package dev.hixai2api.security;

import java.util.List;
import java.util.Set;

/**
 * The client's address for rate limiting and the blacklist. X-Forwarded-For counts only when the connection
 * comes from a configured trusted proxy (TRUSTED_PROXIES), and then the rightmost address that is not itself a
 * trusted proxy is the client: everything left of it could have been written by the client.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String resolve(String remoteAddress, String forwardedFor) {
        if (!trustedProxies.contains(remoteAddress) || forwardedFor == null || forwardedFor.isBlank()) {
            return remoteAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remoteAddress;
    }
}
