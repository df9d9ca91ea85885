package dev.hixai2api.conversation;

/** A finished HixAI chat turn, handed to the {@code chat-completed} route. */
public record CompletedChat(String chatId, long cookieId, String cookieToken, String model, String contextHash) {

    @Override
    public String toString() {
        return "CompletedChat[chatId=" + chatId + ", cookieId=" + cookieId + ", model=" + model + "]";
    }
}
