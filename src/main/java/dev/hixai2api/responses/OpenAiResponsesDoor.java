package dev.hixai2api.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.FrontDoor;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.hix.ModelRegistry;
import dev.hixai2api.openai.OpenAiErrorBody;
import dev.hixai2api.persistence.ResponseRepository;
import org.springframework.stereotype.Component;

/**
 * The OpenAI Responses dialect. Each request runs on a {@link #turn} of its own (the bean only writes errors,
 * for the engine finds the door by name to do so), because a response lives beyond its answer: the turn adds
 * the stored history of {@code previous_response_id} when it parses (so the core continues that HixAI chat with
 * only the new input), and stores the answer (unless {@code store:false}) before its last frame or body leaves,
 * so the client's next request can name it at once.
 */
@Component
public class OpenAiResponsesDoor implements FrontDoor {

    public static final String NAME = "openai-responses";
    private static final TypeReference<List<StoredMessage>> HISTORY = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ResponseRepository responses;
    private final ModelRegistry models;

    public OpenAiResponsesDoor(ObjectMapper mapper, ResponseRepository responses, ModelRegistry models) {
        this.mapper = mapper;
        this.responses = responses;
        this.models = models;
    }

    /**
     * One message of a stored conversation; files of earlier turns are not kept (HixAI's chat holds them). Rows
     * stored before tool calling have neither calls nor a call id.
     */
    private record StoredMessage(String role, String text, List<ToolCall> toolCalls, String toolCallId) {

        static StoredMessage of(ChatMessage message) {
            return new StoredMessage(message.role(), message.text(), message.toolCalls(), message.toolCallId());
        }

        ChatMessage message() {
            return new ChatMessage(role, text, List.of(), toolCalls == null ? List.of() : toolCalls, toolCallId);
        }
    }

    /** @param tenant who asks (a digest of the API key, "" without keys), read when the body is parsed */
    public FrontDoor turn(Supplier<String> tenant) {
        return new Turn(tenant);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every request parses on a {@link #turn} of its own: only its errors are written by the bean. */
    @Override
    public ChatRequest parse(byte[] body) {
        throw notOnATurn();
    }

    @Override
    public StreamRenderer streamRenderer(ChatRequest chat) {
        throw notOnATurn();
    }

    @Override
    public byte[] answer(ChatRequest chat, List<AnswerEvent> events) {
        throw notOnATurn();
    }

    private static IllegalStateException notOnATurn() {
        return new IllegalStateException(NAME + " requests run on OpenAiResponsesDoor.turn(tenant)");
    }

    /** The same OpenAI error shape and types as the chat door's. */
    @Override
    public byte[] error(GatewayException error) {
        return json(OpenAiErrorBody.of(error));
    }

    /** The stored Response object of {@code id}, as GET /v1/responses/{id} answers it. */
    public byte[] stored(String id, String tenant) {
        return responses.find(id, tenant)
                .map(stored -> stored.responseJson().getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new GatewayException(ErrorKind.NOT_FOUND, "not_found", null,
                        "Response with id '" + id + "' not found."));
    }

    /** The instructions lead as a system message; the history of a previous response comes before the input. */
    private ChatRequest chatRequest(ResponsesRequest request, List<ChatMessage> history) {
        List<ChatMessage> messages = new ArrayList<>();
        if (request.instructions() != null) {
            messages.add(new ChatMessage("system", request.instructions()));
        }
        messages.addAll(history);
        messages.addAll(request.input());
        String model = request.tools().webSearch() ? searching(request.model()) : request.model();
        return new ChatRequest(model, messages, request.stream(), request.limits(), ReasoningStyle.BLOCKS)
                .withTools(request.tools().tools()).withFormat(request.format());
    }

    /**
     * A hosted web_search tool is HixAI's internet search: the model's {@code -search} suffix, unless the name
     * already carries a search suffix (or names no model, which the engine refuses as it is).
     */
    private String searching(String model) {
        return models.select(model).filter(selection -> selection.searchType() == null)
                .map(selection -> model + "-search").orElse(model);
    }

    /** The non-streamed body is the stream's closing response: one rendering of the events for both. */
    private byte[] answer(ResponsesRequest request, List<AnswerEvent> events,
                          BiConsumer<ObjectNode, ChatMessage> finished) {
        ObjectNode[] response = new ObjectNode[1];
        StreamRenderer renderer = new ResponsesStreamRenderer(ResponseShape.of(mapper, request), (done, turn) -> {
            finished.accept(done, turn);
            response[0] = done;
        });
        events.forEach(renderer::event);
        return json(response[0]);
    }

    /** One request: {@link #parse} is called once, before anything is rendered. */
    private final class Turn implements FrontDoor {

        private final Supplier<String> tenant;
        private ResponsesRequest request;
        /** The conversation without this request's instructions (OpenAI does not carry them over). */
        private List<ChatMessage> conversation;

        private Turn(Supplier<String> tenant) {
            this.tenant = tenant;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ChatRequest parse(byte[] body) {
            request = new ResponsesRequestParser(mapper).parse(body);
            List<ChatMessage> history = request.previousResponseId() == null ? List.of()
                    : storedConversation(request.previousResponseId());
            ChatRequest chat = chatRequest(request, history);
            conversation = request.instructions() == null ? chat.messages()
                    : chat.messages().subList(1, chat.messages().size());
            return chat;
        }

        @Override
        public StreamRenderer streamRenderer(ChatRequest chat) {
            return new ResponsesStreamRenderer(ResponseShape.of(mapper, request), this::finished);
        }

        @Override
        public byte[] answer(ChatRequest chat, List<AnswerEvent> events) {
            return OpenAiResponsesDoor.this.answer(request, events, this::finished);
        }

        @Override
        public byte[] error(GatewayException error) {
            return OpenAiResponsesDoor.this.error(error);
        }

        private List<ChatMessage> storedConversation(String id) {
            String json = responses.find(id, tenant.get())
                    .orElseThrow(() -> new GatewayException(ErrorKind.INVALID_REQUEST, "previous_response_not_found",
                            "previous_response_id", "Previous response with id '" + id + "' not found."))
                    .historyJson();
            try {
                return mapper.readValue(json, HISTORY).stream().map(StoredMessage::message).toList();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored response " + id + " has an unreadable history", e);
            }
        }

        /** Keeps the conversation with the answer's turn: its calls continue it as the client's next input. */
        private void finished(ObjectNode response, ChatMessage answer) {
            if (!request.store()) {
                return;
            }
            List<StoredMessage> history = new ArrayList<>();
            conversation.forEach(m -> history.add(StoredMessage.of(m)));
            history.add(StoredMessage.of(answer));
            try {
                responses.insert(response.get("id").asText(), tenant.get(), request.model(),
                        mapper.writeValueAsString(history), mapper.writeValueAsString(response));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A list of records of strings always serialises", e);
            }
        }
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON trees and records always serialise", e);
        }
    }
}
