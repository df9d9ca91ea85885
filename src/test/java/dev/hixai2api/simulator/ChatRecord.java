package dev.hixai2api.simulator;

import java.util.List;

/** A HixAI conversation: its owner, its bot, and the questions sent to it so far (thread-safe list). */
public record ChatRecord(String token, int botId, List<String> questions) {
}
