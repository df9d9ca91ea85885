package dev.hixai2api.hix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRegistryTest {

    private static final ModelRegistry PACKAGED = ModelRegistry.packaged();

    @TempDir
    Path dir;

    @Test
    void registryHoldsThe39ModelsOfTheMission() {
        assertThat(PACKAGED.all()).hasSize(39);
        assertThat(new HashSet<>(PACKAGED.all().stream().map(HixModel::name).collect(Collectors.toList())))
                .hasSize(39);
        assertThat(PACKAGED.aliases()).isEmpty();
    }

    @Test
    void rowsMatchTheMissionTable() {
        assertThat(PACKAGED.all()).contains(
                new HixModel("deepseek-r1", 85426, ModelType.STANDARD, 1, 8000, true),
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
        List<String> advanced = PACKAGED.all().stream().filter(m -> m.type() == ModelType.ADVANCED)
                .map(HixModel::name).toList();
        assertThat(advanced).containsExactlyInAnyOrder("gpt-4-turbo", "gpt-4-turbo-128k", "claude-3-7-sonnet",
                "openai-o1", "claude-3-opus", "gpt4", "claude-3-opus-200k");
    }

    @Test
    void everyModelHasPositiveBotIdCreditAndLimit() {
        assertThat(PACKAGED.all()).allSatisfy(m -> {
            assertThat(m.botId()).isPositive();
            assertThat(m.credit()).isPositive();
            assertThat(m.maxInputChars()).isGreaterThanOrEqualTo(8000);
        });
        assertThat(PACKAGED.all().stream().map(HixModel::botId).distinct().count()).isEqualTo(39);
    }

    @Test
    void onlyDeepseekR1IsReasoning() {
        assertThat(PACKAGED.all().stream().filter(HixModel::reasoning).map(HixModel::name))
                .containsExactly("deepseek-r1");
    }

    @Test
    void anOverrideAddsReplacesAndRemovesRowsAndKeepsTheRest() throws IOException {
        ModelRegistry models = ModelRegistry.load(Optional.of(file("""
                models:
                  - {name: gpt-4o, botId: 5, type: standard, credit: 150, maxInputChars: 9000}
                  - {name: my-bot, botId: 99001, type: advanced, credit: 7, maxInputChars: 12000, reasoning: true}
                remove: [claude-2, gemini-1-0-pro]
                """)), null);

        assertThat(models.all()).hasSize(39 + 1 - 2)
                .contains(new HixModel("gpt-4o", 5, ModelType.STANDARD, 150, 9000),
                        new HixModel("deepseek-v3", 85427, ModelType.STANDARD, 1, 8000))
                .last().isEqualTo(new HixModel("my-bot", 99001, ModelType.ADVANCED, 7, 12000, true));
        assertThat(models.select("claude-2")).isEmpty();
        assertThat(models.select("gemini-1-0-pro-news")).isEmpty();
        assertThat(models.select("my-bot-academic").orElseThrow().searchType()).isEqualTo("academic");
        assertThat(models.all().indexOf(models.select("gpt-4o").orElseThrow().model()))
                .as("a replaced row keeps its place").isEqualTo(PACKAGED.all().indexOf(PACKAGED.select("gpt-4o")
                        .orElseThrow().model()) - 1);
    }

    @Test
    void anEmptyOverrideChangesNothing() throws IOException {
        assertThat(ModelRegistry.load(Optional.of(file("# nothing yet\n")), "").all()).isEqualTo(PACKAGED.all());
    }

    @Test
    void aliasesNameTheirModelInMappingOrder() {
        ModelRegistry models = ModelRegistry.load(Optional.empty(),
                "{\"gpt-4\": \"gpt-4o\",\n \"claude-sonnet-4\": \"claude-3-7-sonnet\"}");

        assertThat(models.aliases()).containsExactly(
                Map.entry("gpt-4", PACKAGED.select("gpt-4o").orElseThrow().model()),
                Map.entry("claude-sonnet-4", PACKAGED.select("claude-3-7-sonnet").orElseThrow().model()));
        assertThat(models.all()).isEqualTo(PACKAGED.all());
    }

    @Test
    void anAliasToAnUnknownModelNamesTheEntry() {
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"gpt-4\":\"gpt-4o\",\"x\":\"gpt-5\"}"))
                .isInstanceOf(ModelTableException.class)
                .hasMessageContaining("MODEL_MAPPING line 1, column 19: `x` → `gpt-5`: the model table has no model "
                        + "`gpt-5`");
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"web\":\"gpt-4o-search\"}"))
                .hasMessageContaining("no model `gpt-4o-search` (a target is a model name, without search suffix)");
    }

    @Test
    void anAliasThatShadowsAModelIsRefused() {
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\n  \"gpt-4o\": \"gpt-4o-mini\"\n}"))
                .hasMessageContaining("MODEL_MAPPING line 2, column 3: the alias `gpt-4o` shadows the model of that "
                        + "name (classpath:models.yaml line 31, column 5)");
    }

    @Test
    void anAliasOfAnAliasIsAChain() {
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"a\":\"b\",\"b\":\"gpt-4o\"}"))
                .hasMessageContaining("MODEL_MAPPING line 1, column 2: `a` → `b` is a chain: `b` is an alias itself");
    }

    @Test
    void anAliasThatIsAModelWithASuffixIsRefused() {
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"gpt-4o-news\":\"claude\"}"))
                .hasMessageContaining("MODEL_MAPPING line 1, column 2: `gpt-4o-news` would name both the model "
                        + "`gpt-4o` with news search (classpath:models.yaml line 31, column 5) and the alias "
                        + "`gpt-4o-news` → `claude`");
    }

    @Test
    void aModelNamedLikeAnotherWithASuffixIsRefused() throws IOException {
        Path override = file("models:\n  - {name: gpt-4o-search, botId: 99001, type: standard, credit: 1, "
                + "maxInputChars: 100}\n");

        assertThatThrownBy(() -> ModelRegistry.load(Optional.of(override), null))
                .hasMessageContaining(override + " line 2, column 5: `gpt-4o-search` would name both the model "
                        + "`gpt-4o` with internet search");
    }

    @Test
    void malformedMappingJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"gpt-4\": \"gpt-4o\",\n \"x\" \"y\"}"))
                .hasMessageContaining("MODEL_MAPPING line 2, column 6: not valid JSON: Unexpected character");
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "[\"gpt-4\"]"))
                .hasMessageContaining("MODEL_MAPPING line 1, column 1: must be a JSON object of alias → model");
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"gpt-4\": 5}"))
                .hasMessageContaining("MODEL_MAPPING line 1, column 2: the alias `gpt-4` must map to a model name");
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"a\":\"gpt-4o\",\"a\":\"claude\"}"))
                .hasMessageContaining("MODEL_MAPPING line 1, column 18: not valid JSON: Duplicate field 'a'");
        assertThatThrownBy(() -> ModelRegistry.load(Optional.empty(), "{\"a\":\"gpt-4o\"} {}"))
                .hasMessageContaining("MODEL_MAPPING line 1, column 16: unexpected text after the JSON object");
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("models.yaml"), yaml);
    }
}
