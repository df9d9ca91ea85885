package dev.hixai2api.core;

import java.util.List;

/** One client dialect: parses its requests into the canonical one and renders canonical answers back. */
public interface FrontDoor {

    /** The door's name as hook routes and metrics see it: openai-chat, openai-responses, anthropic-messages. */
    String name();

    /** @throws GatewayException of kind INVALID_REQUEST (or NOT_FOUND for an unknown model), naming the field */
    ChatRequest parse(byte[] body);

    /** A new renderer for one streamed answer. */
    StreamRenderer streamRenderer(ChatRequest request);

    /** The body of a non-streamed answer, from its events (the last one is {@link AnswerEvent.End}). */
    byte[] answer(ChatRequest request, List<AnswerEvent> events);

    /** An error in the door's shape; its status is {@code error.kind().status()}. */
    byte[] error(GatewayException error);
}
