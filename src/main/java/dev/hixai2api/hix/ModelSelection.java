package dev.hixai2api.hix;

/**
 * A requested model name read as HixAI model plus search mode: {@code gpt-4o-news} is gpt-4o with news search;
 * built by {@link ModelRegistry#select}.
 *
 * @param requestedName the name as the client sent it (an alias stays the alias), echoed back in responses
 * @param model         the HixAI model
 * @param searchType    internet, news or academic; null without a search suffix
 */
public record ModelSelection(String requestedName, HixModel model, String searchType) {
}
