package dev.hixai2api.conversation;

/**
 * A finished HixAI chat turn, handed to the {@code chat-completed} route.
 *
 * @param continued   whether the turn went to a stored chat (its record advances) or opened a new one
 * @param contextHash the conversation's key with this answer added
 */
public record CompletedChat(String chatId, long cookieId, String model, boolean continued,
                            String contextHash) {

    @Override
    public String toString() {
        return "CompletedChat[chatId=" + chatId + ", cookieId=" + cookieId + ", model=" + model + "]";
    }
}
