package dev.hixai2api.core;

import java.util.List;

/**
 * One message of a conversation.
 *
 * @param role        system, developer, user, assistant or tool
 * @param text        its text (text parts joined); a tool result's output
 * @param attachments the files it carries
 * @param toolCalls   the tools an assistant turn called (such a turn may have no text); empty otherwise
 * @param toolCallId  the call a {@code tool} message answers; null otherwise
 */
public record ChatMessage(String role, String text, List<Attachment> attachments, List<ToolCall> toolCalls,
                          String toolCallId) {

    public ChatMessage {
        attachments = List.copyOf(attachments);
        toolCalls = List.copyOf(toolCalls);
    }

    public ChatMessage(String role, String text, List<Attachment> attachments) {
        this(role, text, attachments, List.of(), null);
    }

    public ChatMessage(String role, String text) {
        this(role, text, List.of());
    }

    /** An assistant turn that called tools, with the text it said before the calls ("" for none). */
    public static ChatMessage toolCalls(String text, List<ToolCall> calls) {
        return new ChatMessage("assistant", text, List.of(), calls, null);
    }

    /** The output of the tool call {@code callId}, as the client ran it. */
    public static ChatMessage toolResult(String callId, String output) {
        return new ChatMessage("tool", output, List.of(), List.of(), callId);
    }

    public boolean isSystem() {
        return "system".equals(role) || "developer".equals(role);
    }
}
