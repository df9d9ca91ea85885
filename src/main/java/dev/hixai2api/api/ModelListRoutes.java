package dev.hixai2api.api;

import dev.hixai2api.openai.OpenAiModelList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** GET /v1/models: the models some stored cookie can pay for now. */
@Component
public class ModelListRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:listModels";

    private final GuardClient guardClient;
    private final AuthorizeApiKey authorizeApiKey;
    private final OpenAiModelList modelList;

    public ModelListRoutes(GuardClient guardClient, AuthorizeApiKey authorizeApiKey, OpenAiModelList modelList) {
        this.guardClient = guardClient;
        this.authorizeApiKey = authorizeApiKey;
        this.modelList = modelList;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("list-models").routeConfigurationId(OpenAiErrorHandling.ID)
                .process(guardClient)
                .process(authorizeApiKey)
                .process(modelList)
                .process(exchange -> {
                    exchange.getMessage().getHeaders().clear();
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                });
    }
}
