package dev.hixai2api.hix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    @Test
    void registryHoldsThe39ModelsOfTheMission() {
        assertThat(ModelRegistry.all()).hasSize(39);
        assertThat(new HashSet<>(ModelRegistry.all().stream().map(HixModel::name).collect(Collectors.toList())))
                .hasSize(39);
    }

    @Test
    void rowsMatchTheMissionTable() {
        assertThat(ModelRegistry.all()).contains(
                new HixModel("deepseek-r1", 85426, ModelType.STANDARD, 1, 8000),
                new HixModel("deepseek-v3", 85427, ModelType.STANDARD, 1, 8000),
                new HixModel("gpt-4o-mini", 86, ModelType.STANDARD, 4, 8000),
                new HixModel("claude-3-5-haiku-200k", 85423, ModelType.STANDARD, 4, 100000),
                new HixModel("claude-instant-100k", 44, ModelType.STANDARD, 8, 50000),
                new HixModel("gpt-4o", 5, ModelType.STANDARD, 30, 8000),
                new HixModel("gemini-1-5-flash-128k", 62, ModelType.STANDARD, 30, 64000),
                new HixModel("gemini-1-5-flash-1m", 65, ModelType.STANDARD, 170, 100000),
                new HixModel("openai-o1-mini", 1182, ModelType.STANDARD, 200, 8000),
                new HixModel("gemini-1-5-pro-1m", 67, ModelType.STANDARD, 2500, 100000),
                new HixModel("gpt-4-turbo", 8, ModelType.ADVANCED, 20, 8000),
                new HixModel("claude-3-7-sonnet", 85429, ModelType.ADVANCED, 20, 8000),
                new HixModel("openai-o1", 1181, ModelType.ADVANCED, 40, 8000),
                new HixModel("gpt4", 10, ModelType.ADVANCED, 45, 8000),
                new HixModel("claude-3-opus-200k", 57, ModelType.ADVANCED, 120, 100000));
    }

    @Test
    void exactlySevenModelsAreAdvanced() {
        List<String> advanced = ModelRegistry.all().stream().filter(m -> m.type() == ModelType.ADVANCED)
                .map(HixModel::name).toList();
        assertThat(advanced).containsExactlyInAnyOrder("gpt-4-turbo", "gpt-4-turbo-128k", "claude-3-7-sonnet",
                "openai-o1", "claude-3-opus", "gpt4", "claude-3-opus-200k");
    }

    @Test
    void everyModelHasPositiveBotIdCreditAndLimit() {
        assertThat(ModelRegistry.all()).allSatisfy(m -> {
            assertThat(m.botId()).isPositive();
            assertThat(m.credit()).isPositive();
            assertThat(m.maxInputChars()).isGreaterThanOrEqualTo(8000);
        });
        assertThat(ModelRegistry.all().stream().map(HixModel::botId).distinct().count()).isEqualTo(39);
    }

    @Test
    void onlyDeepseekR1IsReasoning() {
        assertThat(ModelRegistry.byName("deepseek-r1").orElseThrow().reasoning()).isTrue();
        assertThat(ModelRegistry.all().stream().filter(HixModel::reasoning).map(HixModel::name))
                .containsExactly("deepseek-r1");
    }

    @Test
    void lookupByNameAndBotId() {
        assertThat(ModelRegistry.byName("claude-3-opus").orElseThrow().botId()).isEqualTo(53);
        assertThat(ModelRegistry.byBotId(85428).orElseThrow().name()).isEqualTo("grok-2");
        assertThat(ModelRegistry.byName("nope")).isEmpty();
        assertThat(ModelRegistry.byBotId(-1)).isEmpty();
    }
}
