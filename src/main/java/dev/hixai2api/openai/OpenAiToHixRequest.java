package dev.hixai2api.openai;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.api.AuthorizeApiKey;
import dev.hixai2api.conversation.ConversationKey;
import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.hix.ModelSelection;
import dev.hixai2api.hix.QuestionBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the client's chat completion request, resolves the model and its search suffix, and folds the messages
 * into the question of a new HixAI chat.
 */
@Component
public class OpenAiToHixRequest implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiToHixRequest.class);

    private final ChatCompletionRequestParser parser;
    private final List<ChatMessage> preMessages;

    public OpenAiToHixRequest(ChatCompletionRequestParser parser, GatewayProperties properties) {
        this.parser = parser;
        this.preMessages = parser.preMessages(properties.preMessagesJson());
    }

    @Override
    public void process(Exchange exchange) {
        ChatCompletionRequest request = parser.parse(body(exchange));
        ModelSelection selection = ModelSelection.parse(request.model())
                .orElseThrow(() -> new OpenAiException(404, "invalid_request_error", "model_not_found", "model",
                        "The model `" + shortened(request.model()) + "` does not exist. GET /v1/models lists the models."));
        QuestionBuilder.Question question = QuestionBuilder.build(request.messages(), preMessages, selection.model());
        if (question.droppedTurns() > 0) {
            LOG.info("Dropped the {} oldest turns to fit the {}-character input of {}",
                    question.droppedTurns(), selection.model().maxInputChars(), selection.model().name());
        }
        String tenant = exchange.getProperty(AuthorizeApiKey.TENANT_PROPERTY, "", String.class);
        new HixChatCall(selection, request.messages(), tenant, question.text(), ConversationKey.newTurn(request.messages()),
                request.stream(), request.includeUsage()).attachTo(exchange);
    }

    private static String shortened(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** RequestGate has already checked the size and the encoding and holds the body in memory. */
    private static byte[] body(Exchange exchange) {
        InputStream in = exchange.getMessage().getBody(InputStream.class);
        if (in == null) {
            throw OpenAiException.invalidRequest(null, "The request body is empty; send a JSON object.");
        }
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            // the client's side broke: not an upstream failure to fail over from
            throw new OpenAiException(408, "invalid_request_error", "request_body_timeout", null,
                    "The request body could not be read completely.");
        }
    }
}
