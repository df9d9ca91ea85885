package dev.hixai2api.chat;

import java.util.ArrayList;
import java.util.List;

import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.tools.JsonAnswer;
import dev.hixai2api.tools.ToolPrompt;

/**
 * What the engine tells the model besides the conversation: the tools it may call and the answer format. A new
 * chat gets them as system blocks of its fold. A continued chat gets them ahead of the new turn: the whole tool
 * list when the chat has not seen this tool set (its record keeps the digest of the set it saw), a short reminder
 * of the format and this answer's tool_choice when it has.
 *
 * @param tools         the whole tool instruction, or null without tools
 * @param toolsReminder its short form, or null without tools
 * @param toolsDigest   the digest of the offered tool set, or null without tools
 * @param format        the answer format's instruction, or null for a text answer
 */
record Instructions(String tools, String toolsReminder, String toolsDigest, String format) {

    static Instructions of(ChatRequest request) {
        return new Instructions(ToolPrompt.full(request.tools()), ToolPrompt.reminder(request.tools()),
                request.tools().callable() ? ToolPrompt.digest(request.tools()) : null,
                JsonAnswer.instruction(request.format()));
    }

    /** System messages for a new chat's fold, after the client's own. */
    List<ChatMessage> forNewChat() {
        List<ChatMessage> system = new ArrayList<>(2);
        if (tools != null) {
            system.add(new ChatMessage("system", tools));
        }
        if (format != null) {
            system.add(new ChatMessage("system", format));
        }
        return system;
    }

    /** @param seenDigest the digest of the tool set the continued chat has seen, or null */
    String continuedTurn(String seenDigest, String newTurn) {
        StringBuilder turn = new StringBuilder();
        String aboutTools = toolsDigest != null && toolsDigest.equals(seenDigest) ? toolsReminder : tools;
        if (aboutTools != null) {
            turn.append(aboutTools).append("\n\n");
        }
        if (format != null) {
            turn.append(format).append("\n\n");
        }
        return turn.append(newTurn).toString();
    }

    /** The digest of the tool set the chat has seen once this question is in it. */
    String seenAfter(String seenBefore) {
        return toolsDigest != null ? toolsDigest : seenBefore;
    }
}
