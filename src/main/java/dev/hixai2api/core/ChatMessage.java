package dev.hixai2api.core;

import java.util.List;

/** One message of a conversation: its role, its text (text parts joined) and the files it carries. */
public record ChatMessage(String role, String text, List<Attachment> attachments) {

    public ChatMessage {
        attachments = List.copyOf(attachments);
    }

    public ChatMessage(String role, String text) {
        this(role, text, List.of());
    }

    public boolean isSystem() {
        return "system".equals(role) || "developer".equals(role);
    }
}
