package dev.hixai2api.api;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.admin.Envelope;
import dev.hixai2api.anthropic.AnthropicMessagesDoor;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.openai.OpenAiErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * Errors answered in front of the routes (servlet filters, the container's error dispatch) in the shape of the
 * API the path belongs to: the OpenAI error under /v1 (with or without ROUTE_PREFIX), Anthropic's under
 * /v1/messages, the admin envelope under /api. Other paths (console, Swagger UI, actuator) are no API's and keep Spring's answers.
 */
@Component
public class FrontDoorErrors {

    private final ObjectMapper mapper;
    private final AnthropicMessagesDoor anthropic;
    private final String openAiBasePath;

    public FrontDoorErrors(ObjectMapper mapper, AnthropicMessagesDoor anthropic, GatewayProperties properties) {
        this.mapper = mapper;
        this.anthropic = anthropic;
        this.openAiBasePath = properties.openAiBasePath();
    }

    /** The API a request path belongs to; a client that forgot the ROUTE_PREFIX still speaks OpenAI. */
    public Optional<ApiPaths.Door> apiOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (isUnder(path, "/v1/messages") || isUnder(path, openAiBasePath + "/messages")) {
            return Optional.of(ApiPaths.Door.ANTHROPIC);
        }
        if (isUnder(path, "/v1") || isUnder(path, openAiBasePath)) {
            return Optional.of(ApiPaths.Door.OPENAI);
        }
        return isUnder(path, "/api") ? Optional.of(ApiPaths.Door.ADMIN) : Optional.empty();
    }

    /** Writes the error; {@code type} and {@code code} are the OpenAI fields, the envelope carries the message. */
    public void write(HttpServletResponse response, ApiPaths.Door door, int status, String type, String code,
                      String message) throws IOException {
        write(response, door, status, OpenAiErrorBody.of(type, code, null, message), message);
    }

    /** Writes the error in the door's shape: {@code openAi} for the OpenAI doors, the message for the others. */
    public void write(HttpServletResponse response, ApiPaths.Door door, int status, OpenAiErrorBody openAi,
                      String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        byte[] body = switch (door) {
            case ADMIN -> mapper.writeValueAsBytes(Envelope.failed(message));
            case ANTHROPIC -> anthropic.error(status, message);
            default -> mapper.writeValueAsBytes(openAi);
        };
        response.getOutputStream().write(body);
    }

    private static boolean isUnder(String path, String base) {
        return path.equals(base) || path.startsWith(base + "/");
    }
}
