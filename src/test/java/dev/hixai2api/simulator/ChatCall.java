package dev.hixai2api.simulator;

import java.util.Map;

/** One accepted POST /api/hix/chat. Header names are lower-case. */
public record ChatCall(String chatId, String question, String fileUrl, Boolean search, String searchType,
                       String token, int botId, Map<String, String> headers) {
}
