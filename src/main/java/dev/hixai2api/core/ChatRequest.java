package dev.hixai2api.core;

import java.util.List;

/**
 * What a client asks, in no dialect: every front door parses its request into one of these.
 *
 * @param model     the model as the client named it (a search suffix included), echoed back in answers
 * @param messages  the whole history in order; a door with a separate system field puts it first as "system"
 * @param limits    where the answer is cut; {@link Limits#NONE} when the client set none
 * @param reasoning how a reasoning model's thinking reaches the door
 */
public record ChatRequest(String model, List<ChatMessage> messages, boolean stream, Limits limits,
                          ReasoningStyle reasoning) {

    public ChatRequest {
        messages = List.copyOf(messages);
    }
}
