package dev.hixai2api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.config.HixHttpClientConfiguration;
import dev.hixai2api.config.HixHttpClientConfiguration.UpstreamProxy;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** PROXY_URL parsing, masking, and the components built from it. */
class UpstreamProxyTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, HixHttpClientConfiguration.class);

    @Test
    void anHttpProxyWithPercentEncodedCredentials() {
        UpstreamProxy proxy = UpstreamProxy.parse(" http://us%40er:p%3Ass%40w0rd@127.0.0.1:3128/ ");

        assertThat(proxy.kind()).isEqualTo(UpstreamProxy.Kind.HTTP);
        assertThat(proxy.host()).isEqualTo("127.0.0.1");
        assertThat(proxy.port()).isEqualTo(3128);
        assertThat(proxy.username()).isEqualTo("us@er");
        assertThat(proxy.password()).isEqualTo("p:ss@w0rd");
        assertThat(proxy.masked()).isEqualTo("http://***@127.0.0.1:3128");
        assertThat(proxy.toString()).doesNotContain("p:ss").doesNotContain("p%3Ass").doesNotContain("us@er");
    }

    @Test
    void anHttpProxyWithoutCredentialsOrPort() {
        UpstreamProxy proxy = UpstreamProxy.parse("HTTP://127.0.0.1");

        assertThat(proxy).isEqualTo(new UpstreamProxy(UpstreamProxy.Kind.HTTP, "127.0.0.1", 80, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"socks5://127.0.0.1:1080", "socks5h://127.0.0.1:1080", "socks://127.0.0.1", "SOCKS5://127.0.0.1:1080"})
    void socksSchemesAreAliases(String url) {
        assertThat(UpstreamProxy.parse(url))
                .isEqualTo(new UpstreamProxy(UpstreamProxy.Kind.SOCKS, "127.0.0.1", 1080, null, null));
    }

    @Test
    void anIpv6Host() {
        UpstreamProxy proxy = UpstreamProxy.parse("socks5://[::1]:9050");

        assertThat(proxy.host()).isEqualTo("::1");
        assertThat(proxy.masked()).isEqualTo("socks5://[::1]:9050");
    }

    @Test
    void noProxyUrlMeansDirect() {
        assertThat(UpstreamProxy.parse(null)).isEqualTo(UpstreamProxy.NONE);
        assertThat(UpstreamProxy.parse("  ")).isEqualTo(UpstreamProxy.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://admin:hunter2@127.0.0.1:21",
            "https://admin:hunter2@127.0.0.1:8443",
            "socks4://admin:hunter2@127.0.0.1:1080",
            "admin:hunter2@127.0.0.1:8080",
            "http://admin:hunter2@127.0.0.1:port",
            "http://admin:hunter2@127.0.0.1:8080/some/path",
            "http://admin:hunter2@127.0.0.1:99999",
            "http://admin:hunter2@:8080",
            "http://admin:hun ter2@127.0.0.1:8080",
            "http://admin:hunter2%zz@127.0.0.1:8080",
            "socks5://admin:hunter2@127.0.0.1:1080"})
    void anUnsupportedOrMalformedUrlIsRefusedNamingProxyUrlWithoutThePassword(String url) {
        assertThatThrownBy(() -> UpstreamProxy.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PROXY_URL ")
                .hasMessageContaining("***@")
                .hasMessageContaining("http://[user:pass@]host:port or socks5://host:port")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("hun ter2")
                .hasMessageNotContaining("admin");
    }

    @Test
    void theSchemeIsNamedWhenItIsNotSupported() {
        assertThatThrownBy(() -> UpstreamProxy.parse("ftp://admin:hunter2@127.0.0.1:21"))
                .hasMessage("PROXY_URL has the unsupported scheme 'ftp': ftp://***@127.0.0.1:21 (expected "
                        + "http://[user:pass@]host:port or socks5://host:port; socks5h:// and socks:// mean socks5://)");
    }

    @Test
    void socksWithCredentialsSaysAuthenticationIsNotSupported() {
        assertThatThrownBy(() -> UpstreamProxy.parse("socks5://admin:hunter2@127.0.0.1:1080"))
                .hasMessageContaining("SOCKS proxy authentication is not supported");
    }

    @Test
    void aBadProxyUrlStopsTheStartWithThatMessage() {
        context.withPropertyValues("hixai2api.proxy-url=socks4://admin:hunter2@127.0.0.1:1080").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("PROXY_URL has the unsupported scheme 'socks4'")
                    .hasMessageNotContaining("hunter2");
        });
    }

    @Test
    void bothComponentsGetAPoolSizedByUpstreamMaxConnectionsThatTunnelsThroughSocksWithTheReadTimeout() throws Exception {
        HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/fast", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        origin.createContext("/silent", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        ExecutorService handlers = Executors.newCachedThreadPool();
        origin.setExecutor(handlers);
        origin.start();
        try (Socks5Proxy socks = Socks5Proxy.start()) {
            String base = "http://127.0.0.1:" + origin.getAddress().getPort();
            context.withPropertyValues("hixai2api.proxy-url=socks5://127.0.0.1:" + socks.port(),
                    "hixai2api.upstream-max-connections=42", "hixai2api.upstream-first-byte-timeout=1s").run(started -> {
                assertThat(started).hasNotFailed();
                assertThat(started.getBean("http")).isNotSameAs(started.getBean("https"));
                for (String name : new String[] {"http", "https"}) {
                    HttpComponent component = started.getBean(name, HttpComponent.class);
                    assertThat(component.getProxyHost()).isNull();
                    PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) component.getClientConnectionManager();
                    assertThat(pool.getMaxTotal()).isEqualTo(42);
                    assertThat(pool.getDefaultMaxPerRoute()).isEqualTo(42);
                    // the pool alone, without the component's request settings: the proxy and timeout are its own
                    CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).setConnectionManagerShared(true).build();
                    String body = client.execute(new HttpGet(base + "/fast"), response -> EntityUtils.toString(response.getEntity()));
                    assertThat(body).isEqualTo("ok");
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> client.execute(new HttpGet(base + "/silent"), response -> null))
                            .isInstanceOf(SocketTimeoutException.class);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
                }
                // a host name is left for the proxy to resolve
                CloseableHttpClient client = HttpClients.custom().setConnectionManagerShared(true)
                        .setConnectionManager(started.getBean("http", HttpComponent.class).getClientConnectionManager()).build();
                String byName = "http://localhost:" + origin.getAddress().getPort() + "/by-name";
                int status = client.execute(new HttpGet(byName), response -> response.getCode());
                assertThat(status).isEqualTo(404);
            });
            int port = origin.getAddress().getPort();
            assertThat(socks.connects()).filteredOn(connect -> connect.addressType().equals("ipv4"))
                    .extracting(Socks5Proxy.Connect::target).isNotEmpty().containsOnly("127.0.0.1:" + port);
            assertThat(socks.connects()).filteredOn(connect -> connect.addressType().equals("domain"))
                    .containsExactly(new Socks5Proxy.Connect("domain", "localhost:" + port));
            assertThat(socks.requests()).extracting(TestProxy.Request::path)
                    .containsExactly("/fast", "/silent", "/fast", "/silent", "/by-name");
        } finally {
            origin.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void anHttpProxyIsSetOnBothComponentsWithItsCredentials() {
        context.withPropertyValues("hixai2api.proxy-url=http://user:pa%3Ass@127.0.0.1:3128").run(started -> {
            for (String name : new String[] {"http", "https"}) {
                HttpComponent component = started.getBean(name, HttpComponent.class);
                assertThat(component.getProxyHost()).isEqualTo("127.0.0.1");
                assertThat(component.getProxyPort()).isEqualTo(3128);
                // the proxy is spoken to in plain HTTP, https targets included (CONNECT)
                assertThat(component.getProxyAuthScheme()).isEqualTo("http");
                assertThat(component.getProxyAuthUsername()).isEqualTo("user");
                assertThat(component.getProxyAuthPassword()).isEqualTo("pa:ss");
                assertThat(component.getNonProxyHosts()).isNull();
                PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) component.getClientConnectionManager();
                assertThat(pool.getMaxTotal()).isEqualTo(2000);
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Settings {
    }
}
