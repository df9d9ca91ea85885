package dev.hixai2api.api;

import dev.hixai2api.config.GatewayProperties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestConfigurationDefinition;
import org.springframework.stereotype.Component;

/**
 * The REST DSL's common settings: platform-http on the Spring Boot port, bodies handled by the routes
 * themselves, and the OpenAPI document behind Swagger UI (SWAGGER_ENABLE).
 */
@Component
public class RestSetup extends RouteBuilder {

    public static final String OPENAPI_PATH = "/swagger/openapi.json";

    private final GatewayProperties properties;

    public RestSetup(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        RestConfigurationDefinition rest = restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off)
                .endpointProperty("headerFilterStrategy", "#openAiHeaderFilter");
        if (properties.swaggerEnable()) {
            rest.apiContextPath(OPENAPI_PATH)
                    .useXForwardHeaders(true)
                    .apiProperty("api.title", "hixai2api")
                    .apiProperty("api.description", "OpenAI-compatible API over HixAI, and its admin API")
                    .apiProperty("api.version", "1.0")
                    .apiProperty("api.specification.contentType.json", "application/json");
        }
    }
}
