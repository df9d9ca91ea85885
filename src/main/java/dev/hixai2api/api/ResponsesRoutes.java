package dev.hixai2api.api;

import dev.hixai2api.chat.ChatErrorHandling;
import dev.hixai2api.chat.ChatRoutes;
import dev.hixai2api.chat.FrontDoors;
import dev.hixai2api.chat.OpenChat;
import dev.hixai2api.responses.OpenAiResponsesDoor;
import dev.hixai2api.security.GuardClient;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * POST /v1/responses runs the chat engine behind the Responses door, on a turn of its own per request (it adds
 * a previous response's history and stores the answer); GET /v1/responses/{id} reads a stored response of the
 * caller's.
 */
@Component
public class ResponsesRoutes extends RouteBuilder {

    public static final String CREATE = "direct:openAiResponses";
    public static final String GET = "direct:getResponse";

    private final GuardClient guardClient;
    private final OpenAiResponsesDoor door;

    public ResponsesRoutes(GuardClient guardClient, OpenAiResponsesDoor door) {
        this.guardClient = guardClient;
        this.door = door;
    }

    @Override
    public void configure() {
        from(CREATE).routeId("openai-responses")
                .process(exchange -> exchange.setVariable(FrontDoors.VARIABLE,
                        door.turn(() -> OpenChat.tenant(exchange))))
                .to(ChatRoutes.ENDPOINT);

        from(GET).routeId("get-response").routeConfigurationId(ChatErrorHandling.ID)
                .setVariable(FrontDoors.VARIABLE, constant(door))
                .process(guardClient)
                .process(this::stored);
    }

    private void stored(Exchange exchange) {
        byte[] response = door.stored(exchange.getMessage().getHeader("id", String.class), OpenChat.tenant(exchange));
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(response);
    }
}
