package dev.hixai2api.api;

import dev.hixai2api.chat.ChatRoutes;
import dev.hixai2api.chat.FrontDoors;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.openai.OpenAiChatDoor;
import dev.hixai2api.openai.ChatCompletionSchema;
import dev.hixai2api.openai.OpenAiModelList;
import dev.hixai2api.openai.OpenAiResponses;
import dev.hixai2api.openai.OpenAiErrorBody;
import dev.hixai2api.responses.ResponsesSchemas.ResponseObject;
import dev.hixai2api.responses.ResponsesSchemas.ResponsesCreateRequest;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/** The OpenAI-compatible endpoints under ROUTE_PREFIX; each verb hands off to its direct: route. */
@Component
public class OpenAiRestRoutes extends RouteBuilder {

    /** The OpenAI chat door's hand-off to the engine. */
    static final String CHAT = "direct:openAiChat";

    private final GatewayProperties properties;
    private final OpenAiChatDoor chatDoor;

    public OpenAiRestRoutes(GatewayProperties properties, OpenAiChatDoor chatDoor) {
        this.properties = properties;
        this.chatDoor = chatDoor;
    }

    @Override
    public void configure() {
        rest(properties.openAiBasePath()).description("OpenAI-compatible API")
                .securityDefinitions().bearerToken("apiKey", "An API key stored with PUT /api/key").end()
                .post("/chat/completions").id("chat-completions-rest")
                    .description("Chat completion: one chat.completion, or with stream=true server-sent "
                            + "chat.completion.chunk events ending in data: [DONE]")
                    .security("apiKey")
                    .type(ChatCompletionSchema.class).outType(OpenAiResponses.Completion.class)
                    .produces("application/json,text/event-stream")
                    .responseMessage().code(400).message("Invalid request").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(401).message("Missing or wrong API key").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(404).message("Unknown model").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(413).message("Body too large").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(429).message("Rate limit").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(502).message("HixAI failed").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(503).message("No usable cookie, or Cloudflare refused the gateway")
                        .responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .to(CHAT)
                .post("/responses").id("responses-create-rest")
                    .description("Responses API: one Response object, or with stream=true its server-sent events "
                            + "ending in response.completed; previous_response_id continues a stored response")
                    .security("apiKey")
                    .type(ResponsesCreateRequest.class).outType(ResponseObject.class)
                    .produces("application/json,text/event-stream")
                    .responseMessage().code(400).message("Invalid request, or unknown previous_response_id").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(401).message("Missing or wrong API key").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(404).message("Unknown model").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(502).message("HixAI failed").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .to(ResponsesRoutes.CREATE)
                .get("/responses/{id}").id("responses-get-rest")
                    .description("A response stored by this API key (store defaults to true)")
                    .security("apiKey")
                    .param().name("id").type(RestParamType.path).description("resp_… id").endParam()
                    .outType(ResponseObject.class)
                    .produces("application/json")
                    .responseMessage().code(401).message("Missing or wrong API key").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .responseMessage().code(404).message("No such response for this API key").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .to(ResponsesRoutes.GET)
                .get("/models").id("list-models-rest")
                    .description("Models the cookie pool can serve now")
                    .security("apiKey")
                    .outType(OpenAiModelList.ModelList.class)
                    .produces("application/json")
                    .responseMessage().code(401).message("Missing or wrong API key").responseModel(OpenAiErrorBody.class).endResponseMessage()
                    .to(ModelListRoutes.ENDPOINT);

        from(CHAT).routeId("openai-chat")
                .setVariable(FrontDoors.VARIABLE, constant(chatDoor))
                .to(ChatRoutes.ENDPOINT);
    }
}
