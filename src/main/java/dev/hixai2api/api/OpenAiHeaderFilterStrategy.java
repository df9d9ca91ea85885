package dev.hixai2api.api;

import org.apache.camel.http.common.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * platform-http's header filter, except that {@code Cache-Control} may leave: SSE responses must tell
 * proxies and browsers not to cache or buffer them.
 */
@Component("openAiHeaderFilter")
public class OpenAiHeaderFilterStrategy extends HttpHeaderFilterStrategy {

    public OpenAiHeaderFilterStrategy() {
        getOutFilter().remove("cache-control");
    }
}
