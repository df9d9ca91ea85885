package dev.hixai2api.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ResponseFormat;

/**
 * The answer settings of a chat completion request: where to cut it ({@code stop}, {@code max_tokens} /
 * {@code max_completion_tokens}), its shape ({@code response_format}) and how reasoning is shown
 * ({@code reasoning_format}).
 *
 * @param reasoning the request's reasoning format, or null for REASONING_FORMAT's
 */
public record ChatCompletionOptions(Limits limits, ResponseFormat format, ReasoningFormat reasoning) {

    /** At most this many stop sequences, as OpenAI allows. */
    private static final int MAX_STOPS = 4;

    /** Reads the settings of a request body and refuses, naming it, any field the gateway cannot honour. */
    static ChatCompletionOptions read(JsonNode root) {
        ChatCompletionParameters.check(root);
        return new ChatCompletionOptions(new Limits(maxTokens(root), stops(root.get("stop"))),
                OpenAiResponseFormat.read(root), reasoning(root));
    }

    /**
     * {@code max_completion_tokens} replaced {@code max_tokens}; a client may send both (older and newer SDK
     * fields), but two different limits are refused rather than one of them silently dropped.
     */
    private static Integer maxTokens(JsonNode root) {
        Integer legacy = OpenAiFields.positiveInt(root, "max_tokens", "max_tokens");
        Integer current = OpenAiFields.positiveInt(root, "max_completion_tokens", "max_completion_tokens");
        if (legacy != null && current != null && !Objects.equals(legacy, current)) {
            throw GatewayException.invalidRequest("max_tokens", "`max_tokens` (" + legacy + ") and "
                    + "`max_completion_tokens` (" + current + ") disagree; send only `max_completion_tokens`.");
        }
        return current != null ? current : legacy;
    }

    /** A string or an array of up to four strings, none empty. */
    private static List<String> stops(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop(stop));
        }
        if (!stop.isArray() || stop.size() > MAX_STOPS) {
            throw GatewayException.invalidRequest("stop", "`stop` must be a string or an array of at most "
                    + MAX_STOPS + " strings.");
        }
        List<String> stops = new ArrayList<>(stop.size());
        stop.forEach(sequence -> stops.add(stop(sequence)));
        return stops;
    }

    private static String stop(JsonNode sequence) {
        if (!sequence.isTextual() || sequence.asText().isEmpty()) {
            throw GatewayException.invalidRequest("stop", "`stop` sequences must be non-empty strings.");
        }
        return sequence.asText();
    }

    private static ReasoningFormat reasoning(JsonNode root) {
        String name = OpenAiFields.optionalText(root, "reasoning_format", "reasoning_format");
        return name == null ? null : ReasoningFormat.named(name).orElseThrow(() -> GatewayException.invalidRequest(
                "reasoning_format", "`reasoning_format` must be think, reasoning_content or hide."));
    }
}
