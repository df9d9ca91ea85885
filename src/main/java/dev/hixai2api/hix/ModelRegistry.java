package dev.hixai2api.hix;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HixAI models the gateway serves: OpenAI model name, HixAI bot id, credit type, credit cost per message
 * and maximum input length in characters.
 */
public final class ModelRegistry {

    /** deepseek-r1 is the one model whose answer starts with reasoning text. */
    public static final String REASONING_MODEL = "deepseek-r1";

    private static final List<HixModel> MODELS = List.of(
            new HixModel("deepseek-r1", 85426, ModelType.STANDARD, 1, 8000),
            new HixModel("deepseek-v3", 85427, ModelType.STANDARD, 1, 8000),
            new HixModel("gpt-4o-mini", 86, ModelType.STANDARD, 4, 8000),
            new HixModel("claude", 42, ModelType.STANDARD, 4, 8000),
            new HixModel("claude-3-haiku", 52, ModelType.STANDARD, 4, 8000),
            new HixModel("claude-3-5-haiku-200k", 85423, ModelType.STANDARD, 4, 100000),
            new HixModel("gemini-1-5-flash", 59, ModelType.STANDARD, 4, 8000),
            new HixModel("chatgpt", 2, ModelType.STANDARD, 4, 8000),
            new HixModel("gemini-1-0-pro", 58, ModelType.STANDARD, 4, 8000),
            new HixModel("gemini", 83, ModelType.STANDARD, 4, 8000),
            new HixModel("gpt-3-5-turbo", 3, ModelType.STANDARD, 4, 8000),
            new HixModel("claude-instant-100k", 44, ModelType.STANDARD, 8, 50000),
            new HixModel("claude-3-5-haiku", 85422, ModelType.STANDARD, 10, 8000),
            new HixModel("gpt-3-5-turbo-16k", 4, ModelType.STANDARD, 12, 8000),
            new HixModel("gemini-1-5-pro", 60, ModelType.STANDARD, 18, 8000),
            new HixModel("claude-3-haiku-200k", 56, ModelType.STANDARD, 20, 100000),
            new HixModel("claude-3-sonnet", 51, ModelType.STANDARD, 20, 8000),
            new HixModel("gpt-4o", 5, ModelType.STANDARD, 30, 8000),
            new HixModel("gemini-1-5-flash-128k", 62, ModelType.STANDARD, 30, 64000),
            new HixModel("claude-2", 45, ModelType.STANDARD, 35, 8000),
            new HixModel("claude-2-100k", 47, ModelType.STANDARD, 75, 50000),
            new HixModel("grok-2", 85428, ModelType.STANDARD, 100, 8000),
            new HixModel("claude-3-5-sonnet", 50, ModelType.STANDARD, 100, 8000),
            new HixModel("claude-3-5-sonnet-200k", 54, ModelType.STANDARD, 100, 100000),
            new HixModel("claude-3-sonnet-200k", 55, ModelType.STANDARD, 100, 100000),
            new HixModel("gpt-4o-128k", 6, ModelType.STANDARD, 125, 64000),
            new HixModel("gemini-1-5-pro-128k", 63, ModelType.STANDARD, 175, 64000),
            new HixModel("gemini-1-5-flash-1m", 65, ModelType.STANDARD, 170, 100000),
            new HixModel("openai-o3-mini", 85424, ModelType.STANDARD, 200, 8000),
            new HixModel("openai-o1-mini", 1182, ModelType.STANDARD, 200, 8000),
            new HixModel("claude-2-1-200k", 49, ModelType.STANDARD, 300, 100000),
            new HixModel("gemini-1-5-pro-1m", 67, ModelType.STANDARD, 2500, 100000),
            new HixModel("gpt-4-turbo", 8, ModelType.ADVANCED, 20, 8000),
            new HixModel("gpt-4-turbo-128k", 9, ModelType.ADVANCED, 20, 64000),
            new HixModel("claude-3-7-sonnet", 85429, ModelType.ADVANCED, 20, 8000),
            new HixModel("openai-o1", 1181, ModelType.ADVANCED, 40, 8000),
            new HixModel("claude-3-opus", 53, ModelType.ADVANCED, 45, 8000),
            new HixModel("gpt4", 10, ModelType.ADVANCED, 45, 8000),
            new HixModel("claude-3-opus-200k", 57, ModelType.ADVANCED, 120, 100000));

    private static final Map<String, HixModel> BY_NAME = MODELS.stream()
            .collect(Collectors.toUnmodifiableMap(HixModel::name, Function.identity()));
    private static final Map<Integer, HixModel> BY_BOT_ID = MODELS.stream()
            .collect(Collectors.toUnmodifiableMap(HixModel::botId, Function.identity()));

    private ModelRegistry() {
    }

    public static List<HixModel> all() {
        return MODELS;
    }

    public static Optional<HixModel> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<HixModel> byBotId(int botId) {
        return Optional.ofNullable(BY_BOT_ID.get(botId));
    }
}
