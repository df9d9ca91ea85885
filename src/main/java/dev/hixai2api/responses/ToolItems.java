package dev.hixai2api.responses;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.openai.OpenAiFields;

/**
 * The tool items of a Responses input: the model's earlier calls ({@code function_call}, {@code custom_tool_call})
 * join the assistant turn they belong to, and the client's results ({@code function_call_output},
 * {@code custom_tool_call_output}) become tool messages. Call ids stay as the client sent them.
 */
final class ToolItems {

    private final ObjectMapper mapper;

    ToolItems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Adds the call to the assistant turn just before it (its text, its other calls), or opens one. */
    static void addCall(List<ChatMessage> messages, ToolCall call) {
        ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && "assistant".equals(last.role()) && last.attachments().isEmpty()) {
            List<ToolCall> calls = new ArrayList<>(last.toolCalls());
            calls.add(call);
            messages.set(messages.size() - 1, ChatMessage.toolCalls(last.text(), calls));
        } else {
            messages.add(ChatMessage.toolCalls("", List.of(call)));
        }
    }

    ToolCall functionCall(JsonNode item, String path) {
        String arguments = OpenAiFields.text(item, "arguments", path + ".arguments");
        try {
            JsonNode parsed = mapper.readTree(arguments);
            if (parsed == null || !parsed.isObject()) {
                throw new IOException("not an object");
            }
        } catch (IOException e) {
            throw GatewayException.invalidRequest(path + ".arguments",
                    "`" + path + ".arguments` must be the JSON text of an object.");
        }
        return new ToolCall(callId(item, path), name(item, path), arguments);
    }

    /** A freeform call is the emulating function's call with its raw input as the one argument. */
    ToolCall customCall(JsonNode item, String path) {
        String input = OpenAiFields.text(item, "input", path + ".input");
        String arguments = mapper.createObjectNode().put(ResponsesTools.CUSTOM_INPUT, input).toString();
        return new ToolCall(callId(item, path), name(item, path), arguments);
    }

    /** A string, or text parts joined; images and files in a tool result are not supported. */
    static ChatMessage output(JsonNode item, String path) {
        String callId = callId(item, path);
        JsonNode output = item.get("output");
        String outputPath = path + ".output";
        if (output != null && output.isTextual()) {
            return ChatMessage.toolResult(callId, output.asText());
        }
        if (output == null || !output.isArray()) {
            throw GatewayException.invalidRequest(outputPath,
                    "`" + outputPath + "` must be a string or an array of text parts.");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < output.size(); i++) {
            JsonNode part = output.get(i);
            String partPath = outputPath + "[" + i + "]";
            String type = part.isObject() ? part.path("type").asText("") : "";
            if (!"input_text".equals(type) && !"output_text".equals(type)) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_content_part", partPath,
                        "`" + partPath + "` must be a text part (`input_text`): a tool result's images and files "
                        + "are not supported.");
            }
            text.append(text.isEmpty() ? "" : "\n").append(OpenAiFields.text(part, "text", partPath + ".text"));
        }
        return ChatMessage.toolResult(callId, text.toString());
    }

    private static String callId(JsonNode item, String path) {
        String callId = OpenAiFields.text(item, "call_id", path + ".call_id");
        if (callId.isBlank()) {
            throw GatewayException.invalidRequest(path + ".call_id", "`" + path + ".call_id` must not be empty.");
        }
        return callId;
    }

    private static String name(JsonNode item, String path) {
        String name = OpenAiFields.text(item, "name", path + ".name");
        if (name.isBlank()) {
            throw GatewayException.invalidRequest(path + ".name", "`" + path + ".name` must not be empty.");
        }
        return name;
    }
}
