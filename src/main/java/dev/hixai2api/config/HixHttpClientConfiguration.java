package dev.hixai2api.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.apache.camel.component.http.HttpComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** camel-http as the HixAI calls need it: large pool, timeouts, no shared cookie jar, PROXY_URL. */
@Configuration(proxyBeanMethods = false)
public class HixHttpClientConfiguration {

    /**
     * The components themselves rather than a customizer: a customizer only reaches a component created after
     * it, and the camel-http component can be created earlier during start-up.
     */
    @Bean("http")
    public HttpComponent httpComponent(GatewayProperties properties) {
        return configured(properties);
    }

    @Bean("https")
    public HttpComponent httpsComponent(GatewayProperties properties) {
        return configured(properties);
    }

    private static HttpComponent configured(GatewayProperties properties) {
        HttpComponent http = new HttpComponent();
        configure(http, properties);
        return http;
    }

    static void configure(HttpComponent http, GatewayProperties properties) {
        // One connection per open stream: the default of 20 per route would queue concurrent chats.
        http.setMaxTotalConnections(properties.upstreamMaxConnections());
        http.setConnectionsPerRoute(properties.upstreamMaxConnections());
        http.setConnectTimeout(properties.upstreamConnectTimeout().toMillis());
        http.setConnectionRequestTimeout(properties.upstreamConnectTimeout().toMillis());
        // A stream silent for this long counts as stalled.
        http.setSoTimeout(properties.upstreamReadTimeout().toMillis());
        http.setResponseTimeout(properties.upstreamReadTimeout().toMillis());
        // Answers stay streams whatever their size, so SSE is never read into memory first.
        http.setResponsePayloadStreamingThreshold(-1);
        // Each call carries its own account's cookie: a shared cookie jar would mix accounts.
        http.setCookieManagementDisabled(true);
        // Retrying is the route's job, on another cookie.
        http.setAutomaticRetriesDisabled(true);
        http.setRedirectHandlingDisabled(true);
        String proxyUrl = properties.proxyUrl();
        if (proxyUrl != null && !proxyUrl.isBlank()) {
            URI proxy = URI.create(proxyUrl.trim());
            http.setProxyHost(proxy.getHost());
            http.setProxyPort(proxy.getPort() > 0 ? proxy.getPort() : 80);
            if (proxy.getRawUserInfo() != null) {
                String[] userInfo = proxy.getRawUserInfo().split(":", 2);
                http.setProxyAuthScheme("http");
                http.setProxyAuthMethod("Basic");
                http.setProxyAuthUsername(URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
                http.setProxyAuthPassword(userInfo.length > 1 ? URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8) : "");
            }
        }
    }
}
