package dev.hixai2api.api;

import dev.hixai2api.anthropic.AnthropicErrorBody;
import dev.hixai2api.anthropic.AnthropicMessagesDoor;
import dev.hixai2api.anthropic.AnthropicSchemas.AnthropicCountTokensRequest;
import dev.hixai2api.anthropic.AnthropicSchemas.AnthropicMessage;
import dev.hixai2api.anthropic.AnthropicSchemas.AnthropicMessagesRequest;
import dev.hixai2api.anthropic.AnthropicSchemas.AnthropicTokenCount;
import dev.hixai2api.chat.ChatErrorHandling;
import dev.hixai2api.chat.ChatRoutes;
import dev.hixai2api.chat.CountInputTokens;
import dev.hixai2api.chat.FrontDoors;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.security.GuardClient;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The Anthropic Messages API under ROUTE_PREFIX: {@code POST /v1/messages} goes to the chat engine with the
 * Anthropic door, {@code POST /v1/messages/count_tokens} counts what such a request would send.
 */
@Component
public class AnthropicRoutes extends RouteBuilder {

    static final String MESSAGES = "direct:anthropicMessages";
    static final String COUNT_TOKENS = "direct:anthropicCountTokens";

    private final GatewayProperties properties;
    private final AnthropicMessagesDoor door;
    private final GuardClient guardClient;
    private final CountInputTokens countInputTokens;

    public AnthropicRoutes(GatewayProperties properties, AnthropicMessagesDoor door, GuardClient guardClient,
                           CountInputTokens countInputTokens) {
        this.properties = properties;
        this.door = door;
        this.guardClient = guardClient;
        this.countInputTokens = countInputTokens;
    }

    @Override
    public void configure() {
        rest(properties.openAiBasePath()).description("Anthropic Messages API")
                .securityDefinitions()
                    .apiKey("anthropicApiKey", "An API key stored with PUT /api/key (or send it as Authorization: Bearer)")
                        .withHeader("x-api-key").end()
                .end()
                .post("/messages").id("anthropic-messages-rest")
                    .description("Anthropic Messages: one message, or with stream=true the server-sent events "
                            + "message_start … message_stop")
                    .security("anthropicApiKey")
                    .consumes("application/json").produces("application/json,text/event-stream")
                    .type(AnthropicMessagesRequest.class).outType(AnthropicMessage.class)
                    .responseMessage().code(400).message("Invalid request").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(401).message("Missing or wrong API key").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(404).message("Unknown model").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(413).message("Body too large").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(429).message("Rate limit").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(502).message("HixAI failed").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(503).message("No usable cookie, or Cloudflare refused the gateway")
                        .responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .to(MESSAGES)
                .post("/messages/count_tokens").id("anthropic-count-tokens-rest")
                    .description("The input tokens a Messages request would use: {\"input_tokens\": N}")
                    .security("anthropicApiKey")
                    .consumes("application/json").produces("application/json")
                    .type(AnthropicCountTokensRequest.class).outType(AnthropicTokenCount.class)
                    .responseMessage().code(400).message("Invalid request").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(401).message("Missing or wrong API key").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .responseMessage().code(404).message("Unknown model").responseModel(AnthropicErrorBody.class).endResponseMessage()
                    .to(COUNT_TOKENS);

        from(MESSAGES).routeId("anthropic-messages")
                .setVariable(FrontDoors.VARIABLE, constant(door))
                .to(ChatRoutes.ENDPOINT);

        // no chat: the engine's error handling still renders any refusal with the door
        from(COUNT_TOKENS).routeId("anthropic-count-tokens").routeConfigurationId(ChatErrorHandling.ID)
                .setVariable(FrontDoors.VARIABLE, constant(door))
                .process(guardClient)
                .setBody(exchange -> door.countTokensAnswer(
                        countInputTokens.count(door.parseCountTokens(exchange.getMessage().getBody(byte[].class)))))
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
