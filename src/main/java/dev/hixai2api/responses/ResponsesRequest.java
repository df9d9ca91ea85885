package dev.hixai2api.responses;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ResponseFormat;

/**
 * A {@code POST /v1/responses} body as read, before any stored history is added.
 *
 * @param instructions       the system text of this request only (OpenAI does not carry it over), or null
 * @param input              the new input items as messages, in order
 * @param store              whether the answer is kept for {@code GET /v1/responses/{id}} and later turns
 * @param previousResponseId the stored response this one continues, or null
 * @param tools              the tools offered; {@link ResponsesTools#NONE} for none
 * @param format             the answer's shape ({@code text.format})
 * @param echo               {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and {@code text} as
 *                           the client sent them (or their defaults), for the Response object to repeat
 */
public record ResponsesRequest(String model, String instructions, List<ChatMessage> input, boolean stream,
                               Limits limits, boolean store, String previousResponseId, ResponsesTools tools,
                               ResponseFormat format, ObjectNode echo) {

    public ResponsesRequest {
        input = List.copyOf(input);
        echo = echo.deepCopy();
    }
}
