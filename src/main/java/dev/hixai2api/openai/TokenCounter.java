package dev.hixai2api.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts for {@code usage}, with the o200k_base encoding of current OpenAI models. */
public final class TokenCounter {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {
    }

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    public static Usage usage(String prompt, String completion) {
        int promptTokens = count(prompt);
        int completionTokens = count(completion);
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    public record Usage(int promptTokens, int completionTokens, int totalTokens) {
    }
}
