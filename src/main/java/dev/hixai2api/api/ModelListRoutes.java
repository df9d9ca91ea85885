package dev.hixai2api.api;

import dev.hixai2api.chat.ChatErrorHandling;
import dev.hixai2api.security.GuardClient;
import dev.hixai2api.chat.FrontDoors;
import dev.hixai2api.openai.OpenAiChatDoor;
import dev.hixai2api.openai.OpenAiModelList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** GET /v1/models: the models some stored cookie can pay for now. */
@Component
public class ModelListRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:listModels";

    private final GuardClient guardClient;
    private final OpenAiChatDoor door;
    private final OpenAiModelList modelList;

    public ModelListRoutes(GuardClient guardClient, OpenAiChatDoor door, OpenAiModelList modelList) {
        this.guardClient = guardClient;
        this.door = door;
        this.modelList = modelList;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("list-models").routeConfigurationId(ChatErrorHandling.ID)
                .setVariable(FrontDoors.VARIABLE, constant(door))
                .process(guardClient)
                .process(modelList)
                .process(exchange -> {
                    exchange.getMessage().getHeaders().clear();
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                });
    }
}
