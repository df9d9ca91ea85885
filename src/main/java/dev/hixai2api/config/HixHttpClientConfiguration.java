package dev.hixai2api.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.net.InetAddressUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * camel-http as the HixAI calls need it: one pool with timeouts, no shared cookie jar, PROXY_URL (an HTTP proxy
 * or a SOCKS5 proxy) for every call.
 */
@Configuration(proxyBeanMethods = false)
public class HixHttpClientConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HixHttpClientConfiguration.class);
    private static final int CONNECTION_BUFFER_BYTES = 4096;

    /** PROXY_URL, parsed once: a malformed value stops the start here, with a message that names it. */
    @Bean
    public UpstreamProxy hixUpstreamProxy(GatewayProperties properties) {
        UpstreamProxy proxy = UpstreamProxy.parse(properties.proxyUrl());
        if (proxy.kind() != UpstreamProxy.Kind.NONE) {
            LOG.info("Every HixAI call goes through the {} proxy {}", proxy.kind(), proxy.masked());
        }
        return proxy;
    }

    /**
     * The components themselves rather than a customizer: a customizer only reaches a component created after
     * it, and the camel-http component can be created earlier during start-up.
     */
    @Bean("http")
    public HttpComponent httpComponent(GatewayProperties properties, UpstreamProxy hixUpstreamProxy) {
        return configured(properties, hixUpstreamProxy);
    }

    @Bean("https")
    public HttpComponent httpsComponent(GatewayProperties properties, UpstreamProxy hixUpstreamProxy) {
        return configured(properties, hixUpstreamProxy);
    }

    /** The one place both components are built. */
    static HttpComponent configured(GatewayProperties properties, UpstreamProxy proxy) {
        HttpComponent http = new HttpComponent();
        // Our own pool, shared by every endpoint of the component: the component's maxTotalConnections,
        // connectionsPerRoute and soTimeout only reach a pool it builds itself, so they are set on this one.
        http.setClientConnectionManager(connectionManager(properties, proxy));
        http.setConnectTimeout(properties.upstreamConnectTimeout().toMillis());
        http.setConnectionRequestTimeout(properties.upstreamConnectTimeout().toMillis());
        // The wait for the first byte of each answer; IdleAfterHeadRequestExecutor switches to the idle timeout after it.
        http.setResponseTimeout(properties.upstreamFirstByteTimeout().toMillis());
        // Answers stay streams whatever their size, so SSE is never read into memory first.
        http.setResponsePayloadStreamingThreshold(-1);
        // Each call carries its own account's cookie: a shared cookie jar would mix accounts.
        http.setCookieManagementDisabled(true);
        // Retrying is the route's job, on another cookie; only a call lost to a stale pooled connection is resent.
        http.setAutomaticRetriesDisabled(false);
        Timeout idle = Timeout.of(properties.upstreamIdleTimeout());
        http.setHttpClientConfigurer(builder -> builder.setRetryStrategy(StaleConnectionRetry.INSTANCE)
                .setRequestExecutor(new IdleAfterHeadRequestExecutor(idle)));
        http.setRedirectHandlingDisabled(true);
        // No JVM-wide proxy settings (http.proxyHost, http.nonProxyHosts, …): PROXY_URL alone decides, for
        // every host, loopback included.
        http.setUseSystemProperties(false);
        http.setNonProxyHosts(null);
        if (proxy.kind() == UpstreamProxy.Kind.HTTP) {
            http.setProxyHost(proxy.host());
            http.setProxyPort(proxy.port());
            // The scheme of the proxy itself: without it camel-http would speak TLS to the proxy for https targets.
            http.setProxyAuthScheme("http");
            if (proxy.username() != null) {
                http.setProxyAuthMethod("Basic");
                http.setProxyAuthUsername(proxy.username());
                http.setProxyAuthPassword(proxy.password());
            }
        }
        return http;
    }

    private static HttpClientConnectionManager connectionManager(GatewayProperties properties, UpstreamProxy proxy) {
        Timeout connect = Timeout.of(properties.upstreamConnectTimeout());
        Timeout firstByte = Timeout.of(properties.upstreamFirstByteTimeout());
        SocketConfig.Builder socket = SocketConfig.custom().setSoTimeout(firstByte).setTcpNoDelay(true);
        PoolingHttpClientConnectionManagerBuilder manager = PoolingHttpClientConnectionManagerBuilder.create()
                // One connection per open stream: a small pool would queue concurrent chats.
                .setMaxConnTotal(properties.upstreamMaxConnections())
                .setMaxConnPerRoute(properties.upstreamMaxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(firstByte)
                        // proxies close idle connections: check a pooled one that sat unused before reusing it
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                // Every pooled connection holds an input and an output buffer of this size (8 KB each by default);
                // HixAI's requests and events are a few hundred bytes, and a thousand open streams hold a thousand
                // connections in a heap sized for the gateway's 512 MB (docs/benchmark.md).
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES).build())
                        .build());
        if (proxy.kind() == UpstreamProxy.Kind.SOCKS) {
            // Unresolved: the proxy's own name is looked up at each connection, not once at start-up.
            socket.setSocksProxyAddress(InetSocketAddress.createUnresolved(proxy.host(), proxy.port()));
            manager.setDnsResolver(RemoteDnsResolver.INSTANCE);
        }
        return manager.setDefaultSocketConfig(socket.build()).build();
    }

    /**
     * Leaves host names unresolved so the JDK's SOCKS client sends them to the proxy (SOCKS5 address type
     * "domain name"): the proxy resolves hix.ai, as socks5h:// does in curl, and the gateway makes no DNS query
     * of its own for it. IP literals are passed as addresses.
     */
    private static final class RemoteDnsResolver implements DnsResolver {

        static final RemoteDnsResolver INSTANCE = new RemoteDnsResolver();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolve(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (InetAddressUtils.isIPv4(literal) || InetAddressUtils.isIPv6(literal)) {
                return List.of(new InetSocketAddress(InetAddress.getByName(literal), port));
            }
            return List.of(InetSocketAddress.createUnresolved(host, port));
        }
    }

    /**
     * PROXY_URL: {@code http://[user:pass@]host[:port]} (port 80 by default) or
     * {@code socks5://host[:port]} ({@code socks://} and {@code socks5h://} alike; port 1080 by default). The
     * JDK's SOCKS client behind HttpClient takes no per-connection credentials, so a SOCKS URL with a user is
     * refused rather than silently sent without them. {@link #toString()} never shows the password.
     */
    public record UpstreamProxy(Kind kind, String host, int port, String username, String password) {

        public enum Kind { NONE, HTTP, SOCKS }

        public static final UpstreamProxy NONE = new UpstreamProxy(Kind.NONE, null, 0, null, null);

        private static final String FORMS = "http://[user:pass@]host:port or socks5://host:port";

        public static UpstreamProxy parse(String proxyUrl) {
            if (proxyUrl == null || proxyUrl.isBlank()) {
                return NONE;
            }
            String raw = proxyUrl.trim();
            if (!raw.contains("://")) {
                throw invalid(raw, "has no scheme");
            }
            URI uri;
            try {
                uri = new URI(raw);
            } catch (URISyntaxException e) {
                throw invalid(raw, "is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            Kind kind = switch (scheme) {
                case "http" -> Kind.HTTP;
                case "socks5", "socks5h", "socks" -> Kind.SOCKS;
                default -> throw invalid(raw, "has the unsupported scheme '" + scheme + "'");
            };
            if (uri.getHost() == null) {
                throw invalid(raw, "has no host (or an invalid host or port)");
            }
            if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw invalid(raw, "must not have a path, query or fragment");
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535) {
                throw invalid(raw, "has an invalid port");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : kind == Kind.HTTP ? 80 : 1080;
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            String username = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                if (kind == Kind.SOCKS) {
                    throw invalid(raw, "has a user and password, but SOCKS proxy authentication is not supported "
                            + "(use a SOCKS proxy that needs none, or an HTTP proxy with user:pass)");
                }
                String[] userInfo = uri.getRawUserInfo().split(":", 2);
                try {
                    username = URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8);
                    password = userInfo.length > 1 ? URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8) : "";
                } catch (IllegalArgumentException e) {
                    throw invalid(raw, "has a badly percent-encoded user or password");
                }
            }
            return new UpstreamProxy(kind, host, port, username, password);
        }

        /** The proxy as it may be logged: {@code http://***@host:port}. */
        public String masked() {
            if (kind == Kind.NONE) {
                return "none";
            }
            String authority = (username != null ? "***@" : "")
                    + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            return (kind == Kind.HTTP ? "http://" : "socks5://") + authority;
        }

        @Override
        public String toString() {
            return "UpstreamProxy[" + masked() + "]";
        }

        /** Everything before the last '@' of the authority may hold a password: it is never shown. */
        static String mask(String raw) {
            int authorityStart = raw.indexOf("://");
            authorityStart = authorityStart < 0 ? 0 : authorityStart + 3;
            int at = raw.lastIndexOf('@');
            return at < authorityStart ? raw : raw.substring(0, authorityStart) + "***" + raw.substring(at);
        }

        private static IllegalArgumentException invalid(String raw, String problem) {
            return new IllegalArgumentException("PROXY_URL " + problem + ": " + mask(raw) + " (expected " + FORMS
                    + "; socks5h:// and socks:// mean socks5://)");
        }
    }
}
