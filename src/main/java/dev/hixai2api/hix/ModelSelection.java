package dev.hixai2api.hix;

import java.util.Optional;

/**
 * A requested model name read as HixAI model plus search mode: {@code gpt-4o-news} is gpt-4o with news search.
 *
 * @param requestedName the name as the client sent it, echoed back in responses
 * @param model         the HixAI model
 * @param searchType    internet, news or academic; null without a search suffix
 */
public record ModelSelection(String requestedName, HixModel model, String searchType) {

    private static final String[][] SUFFIXES = {{"-search", "internet"}, {"-news", "news"}, {"-academic", "academic"}};

    public static Optional<ModelSelection> parse(String requestedName) {
        for (String[] suffix : SUFFIXES) {
            if (requestedName.endsWith(suffix[0])) {
                String base = requestedName.substring(0, requestedName.length() - suffix[0].length());
                return ModelRegistry.byName(base).map(m -> new ModelSelection(requestedName, m, suffix[1]));
            }
        }
        return ModelRegistry.byName(requestedName).map(m -> new ModelSelection(requestedName, m, null));
    }
}
