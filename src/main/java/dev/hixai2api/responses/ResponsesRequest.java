package dev.hixai2api.responses;

import java.util.List;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.Limits;

/**
 * A {@code POST /v1/responses} body as read, before any stored history is added.
 *
 * @param instructions       the system text of this request only (OpenAI does not carry it over), or null
 * @param input              the new input items as messages, in order
 * @param store              whether the answer is kept for {@code GET /v1/responses/{id}} and later turns
 * @param previousResponseId the stored response this one continues, or null
 */
public record ResponsesRequest(String model, String instructions, List<ChatMessage> input, boolean stream,
                               Limits limits, boolean store, String previousResponseId) {

    public ResponsesRequest {
        input = List.copyOf(input);
    }
}
