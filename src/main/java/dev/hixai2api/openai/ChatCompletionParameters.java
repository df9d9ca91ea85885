package dev.hixai2api.openai;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;

/**
 * What the chat completion door does with each top-level field of the Chat Completions reference: read it
 * (elsewhere), refuse it when the web chat cannot do what it asks, or accept and ignore it when it is a sampling
 * or service knob HixAI has no setting for (its type and range are still checked). A field outside the reference
 * is refused as OpenAI refuses it, so a client never believes a setting took effect when it did not.
 */
final class ChatCompletionParameters {

    /** Read by the parser, ChatCompletionOptions or the tool parser. */
    private static final Set<String> READ = Set.of("model", "messages", "stream", "stream_options", "stop",
            "max_tokens", "max_completion_tokens", "response_format", "reasoning_format", "n", "logprobs",
            "modalities", "store", "logit_bias", "tools", "tool_choice", "parallel_tool_calls", "functions",
            "function_call");
    /** Never possible through a web chat, whatever their value (null aside). */
    private static final Set<String> REFUSED = Set.of("audio", "prediction", "web_search_options", "top_logprobs");
    /** Accepted and ignored: numbers with OpenAI's range. */
    private static final Map<String, int[]> IGNORED_NUMBERS = Map.of("temperature", new int[] {0, 2},
            "top_p", new int[] {0, 1}, "frequency_penalty", new int[] {-2, 2}, "presence_penalty", new int[] {-2, 2});
    /** Accepted and ignored: strings. */
    private static final Set<String> IGNORED_STRINGS = Set.of("user", "safety_identifier", "prompt_cache_key",
            "prompt_cache_retention", "service_tier", "reasoning_effort", "verbosity");

    private ChatCompletionParameters() {
    }

    static void check(JsonNode root) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNull()) {
                check(field.getKey(), field.getValue());
            }
        }
    }

    private static void check(String name, JsonNode value) {
        if (READ.contains(name)) {
            readHere(name, value);
        } else if (REFUSED.contains(name)) {
            throw unsupported(name, "the web chat behind this gateway cannot do what it asks");
        } else if (IGNORED_NUMBERS.containsKey(name)) {
            int[] range = IGNORED_NUMBERS.get(name);
            if (!value.isNumber() || value.doubleValue() < range[0] || value.doubleValue() > range[1]) {
                throw GatewayException.invalidRequest(name, "`" + name + "` must be a number from " + range[0]
                        + " to " + range[1] + ".");
            }
        } else if (IGNORED_STRINGS.contains(name)) {
            if (!value.isTextual()) {
                throw GatewayException.invalidRequest(name, "`" + name + "` must be a string.");
            }
        } else if (name.equals("seed")) {
            if (!value.isIntegralNumber()) {
                throw GatewayException.invalidRequest(name, "`seed` must be an integer.");
            }
        } else if (name.equals("metadata")) {
            if (!value.isObject()) {
                throw GatewayException.invalidRequest(name, "`metadata` must be an object.");
            }
        } else {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "unknown_parameter", name,
                    "Unknown parameter: '" + name + "'.");
        }
    }

    /** The fields of READ whose only accepted values are the one thing the web chat does. */
    private static void readHere(String name, JsonNode value) {
        switch (name) {
            case "n" -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
                    throw GatewayException.invalidRequest(name, "`n` must be a positive integer.");
                }
                if (value.intValue() > 1) {
                    throw unsupported(name, "the web chat gives one answer per request; send n = 1 or none");
                }
            }
            case "logprobs" -> {
                if (flag(name, value)) {
                    throw unsupported(name, "the web chat does not report token probabilities");
                }
            }
            case "store" -> {
                if (flag(name, value)) {
                    throw unsupported(name, "this gateway keeps no chat completions to list or distil; "
                            + "send store = false or none");
                }
            }
            case "modalities" -> {
                if (!value.isArray()) {
                    throw GatewayException.invalidRequest(name, "`modalities` must be an array of strings.");
                }
                for (JsonNode modality : value) {
                    if (!"text".equals(modality.asText(null))) {
                        throw unsupported(name, "the web chat answers in text only; send [\"text\"] or none");
                    }
                }
            }
            case "logit_bias" -> {
                if (!value.isObject()) {
                    throw GatewayException.invalidRequest(name, "`logit_bias` must be an object.");
                }
                if (!value.isEmpty()) {
                    throw unsupported(name, "the web chat cannot bias tokens");
                }
            }
            default -> {
                // read by the parser, ChatCompletionOptions or the tool parser
            }
        }
    }

    private static GatewayException unsupported(String name, String why) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_parameter", name,
                "Unsupported parameter: '" + name + "': " + why + ".");
    }

    private static boolean flag(String name, JsonNode value) {
        if (!value.isBoolean()) {
            throw GatewayException.invalidRequest(name, "`" + name + "` must be a boolean.");
        }
        return value.booleanValue();
    }
}
