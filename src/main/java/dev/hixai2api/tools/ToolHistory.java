package dev.hixai2api.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ToolCall;

/**
 * The tool turns of a history as HixAI's chat reads them: an assistant turn's calls as the same
 * {@code <tool_call>} blocks the model writes, a tool result as {@code Tool result (<name>, <call id>): <output>}.
 */
public final class ToolHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolHistory() {
    }

    /** The messages with their calls and results written out as text; other messages as they are. */
    public static List<ChatMessage> asText(List<ChatMessage> messages) {
        Map<String, String> toolOfCall = new HashMap<>();
        List<ChatMessage> text = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            if (!message.toolCalls().isEmpty()) {
                message.toolCalls().forEach(call -> toolOfCall.put(call.id(), call.name()));
                text.add(new ChatMessage(message.role(), withBlocks(message.text(), message.toolCalls()),
                        message.attachments()));
            } else if ("tool".equals(message.role())) {
                text.add(new ChatMessage("tool", resultLine(toolOfCall.get(message.toolCallId()),
                        message.toolCallId(), message.text()), message.attachments()));
            } else {
                text.add(message);
            }
        }
        return text;
    }

    /** One call as the model writes it. */
    public static String block(ToolCall call) {
        ObjectNode json = JSON.createObjectNode().put("name", call.name());
        json.set("arguments", arguments(call.arguments()));
        return ToolPrompt.OPEN_TAG + "\n" + json + "\n" + ToolPrompt.CLOSE_TAG;
    }

    private static String withBlocks(String text, List<ToolCall> calls) {
        StringBuilder all = new StringBuilder(text == null ? "" : text.strip());
        for (ToolCall call : calls) {
            all.append(all.isEmpty() ? "" : "\n").append(block(call));
        }
        return all.toString();
    }

    private static String resultLine(String name, String callId, String output) {
        String of = name == null ? String.valueOf(callId) : name + ", " + callId;
        return "Tool result (" + of + "): " + output;
    }

    /** The arguments object; a client's text that is no JSON object stays a string, as it was. */
    private static JsonNode arguments(String arguments) {
        try {
            JsonNode node = JSON.readTree(arguments == null ? "{}" : arguments);
            return node != null && node.isObject() ? node : JSON.getNodeFactory().textNode(arguments);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(arguments);
        }
    }
}
