package dev.hixai2api.hix;

import dev.hixai2api.config.GatewayProperties;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Transport to HixAI: one direct route per call of hix-protocol.md over camel-http. None has an error handler
 * of its own, so a failure reaches the calling route, whose redelivery retries the whole call on another cookie.
 */
@Component
public class HixRoutes extends RouteBuilder {

    private final HixCalls calls;
    private final String baseUrl;

    public HixRoutes(HixCalls calls, GatewayProperties properties) {
        this.calls = calls;
        this.baseUrl = properties.hixBaseUrl();
    }

    @Override
    public void configure() {
        from("direct:hixCreateChat").routeId("hix-create-chat")
                .errorHandler(noErrorHandler())
                .process(calls::prepareCreateChat)
                .to(hixUri("/api/trpc/hixChat.createChat"))
                .process(calls::readCreateChat);

        // The SSE answer stays an unread stream: the caller translates it event by event.
        from("direct:hixChat").routeId("hix-chat")
                .errorHandler(noErrorHandler())
                .streamCache("false")
                .process(calls::prepareChat)
                .to(hixUri("/api/hix/chat"))
                .process(calls::readChat);

        // Sign, then PUT the bytes to the presigned URL (its own host; the endpoint only carries the options).
        from("direct:hixUpload").routeId("hix-upload")
                .errorHandler(noErrorHandler())
                .process(calls::prepareSign)
                .to(hixUri("/api/upload/sign"))
                .process(calls::readSign)
                .process(calls::preparePut)
                .to(hixUri("/upload"))
                .process(calls::readPut);

        from("direct:hixUsage").routeId("hix-usage")
                .errorHandler(noErrorHandler())
                .process(calls::prepareUsage)
                .to(hixUri("/api/trpc/hixChat.getUsedBotList,subLog.getSubLog,subUsage.getSubUsage"))
                .bean(calls, "readUsage");

        from("direct:hixDeleteChat").routeId("hix-delete-chat")
                .errorHandler(noErrorHandler())
                .process(calls::prepareDeleteChat)
                .to(hixUri("/api/trpc/hixChat.deleteChat"))
                .process(calls::readDeleteChat);
    }

    /**
     * Status codes are classified by {@link HixCalls}, and bodies stay streams so nothing is buffered. The answer
     * message carries HixAI's response headers only: copying the request's headers onto it (camel-http's default)
     * filtered each of them once more, for headers nothing reads after the call.
     */
    private String hixUri(String path) {
        return baseUrl + path + "?throwExceptionOnFailure=false&disableStreamCache=true&copyHeaders=false";
    }
}
