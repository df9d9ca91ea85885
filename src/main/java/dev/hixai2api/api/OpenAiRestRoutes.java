package dev.hixai2api.api;

import dev.hixai2api.config.GatewayProperties;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The OpenAI-compatible endpoints under ROUTE_PREFIX; each verb hands off to its direct: route. */
@Component
public class OpenAiRestRoutes extends RouteBuilder {

    private final GatewayProperties properties;

    public OpenAiRestRoutes(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        rest(properties.openAiBasePath()).description("OpenAI-compatible API")
                .post("/chat/completions").id("chat-completions-rest")
                    .description("Chat completion, streamed as server-sent events with stream=true")
                    .produces("application/json,text/event-stream")
                    .to(ChatCompletionRoutes.ENDPOINT)
                .get("/models").id("list-models-rest")
                    .description("Models the cookie pool can serve now")
                    .produces("application/json")
                    .to(ModelListRoutes.ENDPOINT);
    }
}
