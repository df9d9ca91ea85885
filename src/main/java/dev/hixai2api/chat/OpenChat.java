package dev.hixai2api.chat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hixai2api.conversation.ConversationKey;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.FrontDoor;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.hix.ModelSelection;
import dev.hixai2api.hix.QuestionBuilder;
import dev.hixai2api.monitoring.RequestIdFilter;
import dev.hixai2api.tools.ToolHistory;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The engine's first step: the door parses the raw body into a {@link ChatRequest}, the model and its search
 * suffix are resolved and the messages (tool calls and results written out, the instructions about tools and the
 * answer format as system blocks) folded into the question of a new HixAI chat. Sets the variables hook
 * routes see: {@code frontDoor} (the door's name), {@code model}, {@code requestId}, and {@code tenant}.
 */
@Component
public class OpenChat implements Processor {

    /** The request attribute under which the gate hands on who asks (a digest of the API key, or ""). */
    public static final String TENANT_ATTRIBUTE = "dev.hixai2api.tenant";
    public static final String TENANT_VARIABLE = "tenant";

    private static final Logger LOG = LoggerFactory.getLogger(OpenChat.class);

    private final FrontDoors doors;
    private final PreMessages preMessages;
    private final ModelRegistry models;

    public OpenChat(FrontDoors doors, PreMessages preMessages, ModelRegistry models) {
        this.doors = doors;
        this.preMessages = preMessages;
        this.models = models;
    }

    @Override
    public void process(Exchange exchange) {
        FrontDoor door = doors.of(exchange);
        exchange.setVariable(FrontDoors.VARIABLE, door.name());
        exchange.setVariable("requestId", requestAttribute(exchange, RequestIdFilter.ATTRIBUTE)
                .orElse(MDC.get(RequestIdFilter.MDC_KEY)));
        String tenant = tenant(exchange);
        exchange.setVariable(TENANT_VARIABLE, tenant);
        ChatRequest request = door.parse(body(exchange));
        exchange.setVariable("model", request.model());
        ModelSelection selection = selection(models, request.model());
        Instructions instructions = Instructions.of(request);
        List<ChatMessage> history = ToolHistory.asText(request.messages());
        QuestionBuilder.Question question = QuestionBuilder.build(newChat(history, instructions),
                preMessages.messages(), selection.model());
        if (question.droppedTurns() > 0) {
            LOG.info("Dropped the {} oldest turns to fit the {}-character input of {}",
                    question.droppedTurns(), selection.model().maxInputChars(), selection.model().name());
        }
        new ChatCall(door, request, selection, tenant, question.text(), ConversationKey.newTurn(history), instructions)
                .attachTo(exchange);
    }

    /** What a new chat's question folds: the history (calls and results written out), then the instructions. */
    static List<ChatMessage> newChat(List<ChatMessage> history, Instructions instructions) {
        List<ChatMessage> messages = new ArrayList<>(history);
        messages.addAll(instructions.forNewChat());
        return messages;
    }

    /** The model a request names, its search suffix resolved; NOT_FOUND when HixAI has none of that name. */
    static ModelSelection selection(ModelRegistry models, String model) {
        return models.select(model)
                .orElseThrow(() -> new GatewayException(ErrorKind.NOT_FOUND, "model_not_found", "model",
                        "The model `" + shortened(model) + "` does not exist. GET /v1/models lists the models."));
    }

    /** Set by the gate, which checked the credentials; a door route may also have set the variable itself. */
    public static String tenant(Exchange exchange) {
        String set = exchange.getVariable(TENANT_VARIABLE, String.class);
        if (set != null) {
            return set;
        }
        return requestAttribute(exchange, TENANT_ATTRIBUTE).orElse("");
    }

    private static Optional<String> requestAttribute(Exchange exchange, String name) {
        return exchange.getIn() instanceof PlatformHttpMessage http
                && http.getRequest().getAttribute(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    private static String shortened(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** RequestGate has already checked the size and the encoding and holds the body in memory. */
    private static byte[] body(Exchange exchange) {
        InputStream in = exchange.getMessage().getBody(InputStream.class);
        if (in == null) {
            throw GatewayException.invalidRequest(null, "The request body is empty; send a JSON object.");
        }
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            // the client's side broke: not an upstream failure to fail over from
            throw new GatewayException(ErrorKind.TIMEOUT, "request_body_timeout", null,
                    "The request body could not be read completely.");
        }
    }
}
