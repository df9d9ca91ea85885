package dev.hixai2api.hix;

/**
 * The typed message body of each HixAI call of {@link HixRoutes}: everything one call needs, immutable, made
 * afresh for every attempt.
 */
public sealed interface HixRequest {

    /** The session token the call is made with (never logged). */
    String token();

    /** direct:hixCreateChat: opens a chat for a model; answers the chat id as the body. */
    record NewChat(String token, String modelName, int botId) implements HixRequest {
    }

    /** direct:hixChat: one question to a chat; answers the SSE body. */
    record Question(String token, String modelName, String chatId, String question, String fileUrl,
                    String searchType) implements HixRequest {
    }

    /** direct:hixUpload: a file for a chat; answers its file URL as the body. */
    record Upload(String token, String chatId, byte[] bytes, String extension, String mimeType) implements HixRequest {

        @Override
        public String toString() {
            return "Upload[" + bytes.length + " bytes, " + mimeType + "]";
        }
    }

    /** direct:hixUsage: the account's credits; answers {@link Credits}. */
    record Usage(String token) implements HixRequest {
    }

    /** direct:hixDeleteChat. */
    record DeleteChat(String token, String chatId) implements HixRequest {
    }
}
