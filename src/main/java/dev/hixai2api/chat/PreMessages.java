package dev.hixai2api.chat;

import java.util.List;

import dev.hixai2api.core.ChatMessage;

/** PRE_MESSAGES_JSON: messages put ahead of every new chat's conversation, whatever the front door. */
public record PreMessages(List<ChatMessage> messages) {

    public PreMessages {
        messages = List.copyOf(messages);
    }
}
