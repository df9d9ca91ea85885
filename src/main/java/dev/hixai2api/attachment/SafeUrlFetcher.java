package dev.hixai2api.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * Fetches an attachment URL a client sent, without letting it reach inside the gateway's network: http(s)
 * only, timeouts, the size cap enforced while reading, at most three redirects, and no loopback, private,
 * link-local or metadata address, checked on the addresses the connection is made to (the check is the DNS
 * resolver itself, so a name cannot resolve differently between check and connect). Hosts in
 * ATTACHMENT_ALLOWED_HOSTS ({@code host} or {@code host:port}) are exempt.
 */
@Component
public class SafeUrlFetcher implements AutoCloseable {

    private static final int MAX_REDIRECTS = 3;

    private final Set<String> allowedHosts;
    private final long maxBytes;
    private final CloseableHttpClient guarded;
    private final CloseableHttpClient trusted;

    public SafeUrlFetcher(GatewayProperties properties) {
        this.allowedHosts = properties.attachmentAllowedHosts().stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.maxBytes = properties.attachmentMaxSize().toBytes();
        Timeout timeout = Timeout.of(properties.attachmentFetchTimeout());
        this.guarded = client(new PublicAddressResolver(), timeout);
        this.trusted = client(SystemDefaultDnsResolver.INSTANCE, timeout);
    }

    public byte[] fetch(String url) {
        URI uri = parse(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            CloseableHttpClient client = allowed(uri) ? trusted : guarded;
            URI current = uri;
            try {
                Object outcome = client.execute(new HttpGet(current), response -> read(current, response));
                if (outcome instanceof byte[] bytes) {
                    return bytes;
                }
                uri = parse(current.resolve((String) outcome).toString());
            } catch (IllegalArgumentException e) {
                throw refused("it is not a valid URL");
            } catch (BlockedAddressException e) {
                throw refused("the URL leads to an address the gateway does not fetch from (" + e.getMessage() + ")");
            } catch (IOException e) {
                throw refused("it could not be fetched (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw refused("it redirects more than " + MAX_REDIRECTS + " times");
    }

    /** The body, or the Location of a redirect to follow. */
    private Object read(URI uri, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            if (location == null) {
                throw new IOException("redirect without Location");
            }
            return location.getValue();
        }
        if (status != 200) {
            throw refusedStatus(status);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxBytes) {
            throw AttachmentLoader.tooLarge(maxBytes);
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw AttachmentLoader.tooLarge(maxBytes);
            }
            return bytes;
        }
    }

    private boolean allowed(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return allowedHosts.contains(host) || allowedHosts.contains(host + ":" + port);
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw refused("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw refused("only http and https URLs are fetched");
        }
        return uri;
    }

    private static GatewayException refused(String why) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, "invalid_attachment_url", "messages",
                "The attachment URL was not used: " + why + ".");
    }

    private static GatewayException refusedStatus(int status) {
        return refused("it answered HTTP " + status);
    }

    private static CloseableHttpClient client(org.apache.hc.client5.http.DnsResolver resolver, Timeout timeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        guarded.close();
        trusted.close();
    }

    /** Resolves like the system does, then refuses the name unless every address is a public one. */
    static final class PublicAddressResolver extends SystemDefaultDnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = super.resolve(host);
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new BlockedAddressException(host + " is " + address.getHostAddress());
                }
            }
            return addresses;
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first != 0
                    && !(first == 100 && second >= 64 && second < 128)    // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0)
                    && !(first == 198 && (second == 18 || second == 19))  // benchmarking
                    && first < 224;                                        // multicast and reserved
        }
        return (b[0] & 0xFE) != 0xFC;                                      // unique local fc00::/7
    }

    /** A name that resolves to an address the gateway must not connect to. */
    static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String message) {
            super(message);
        }
    }
}
