package dev.hixai2api.hix;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSelectionTest {

    private static final ModelRegistry MODELS = ModelRegistry.packaged();

    @Test
    void plainNameSelectsModelWithoutSearch() {
        ModelSelection selection = MODELS.select("gpt-4o").orElseThrow();
        assertThat(selection.requestedName()).isEqualTo("gpt-4o");
        assertThat(selection.model().name()).isEqualTo("gpt-4o");
        assertThat(selection.searchType()).isNull();
    }

    @Test
    void searchSuffixSelectsInternetSearch() {
        ModelSelection selection = MODELS.select("gpt-4o-search").orElseThrow();
        assertThat(selection.requestedName()).isEqualTo("gpt-4o-search");
        assertThat(selection.model().name()).isEqualTo("gpt-4o");
        assertThat(selection.searchType()).isEqualTo("internet");
    }

    @Test
    void newsSuffixSelectsNewsSearch() {
        ModelSelection selection = MODELS.select("claude-3-5-sonnet-news").orElseThrow();
        assertThat(selection.model().name()).isEqualTo("claude-3-5-sonnet");
        assertThat(selection.searchType()).isEqualTo("news");
    }

    @Test
    void academicSuffixSelectsAcademicSearch() {
        ModelSelection selection = MODELS.select("deepseek-r1-academic").orElseThrow();
        assertThat(selection.model().name()).isEqualTo("deepseek-r1");
        assertThat(selection.searchType()).isEqualTo("academic");
    }

    @Test
    void everyModelAcceptsEverySuffix() {
        for (HixModel model : MODELS.all()) {
            assertThat(MODELS.select(model.name())).get().extracting(ModelSelection::model).isEqualTo(model);
            assertThat(MODELS.select(model.name() + "-search").orElseThrow().model()).isEqualTo(model);
            assertThat(MODELS.select(model.name() + "-news").orElseThrow().model()).isEqualTo(model);
            assertThat(MODELS.select(model.name() + "-academic").orElseThrow().model()).isEqualTo(model);
        }
    }

    @Test
    void unknownModelIsEmpty() {
        assertThat(MODELS.select("gpt-5")).isEmpty();
        assertThat(MODELS.select("gpt-5-search")).isEmpty();
        assertThat(MODELS.select("-search")).isEmpty();
        assertThat(MODELS.select("")).isEmpty();
        assertThat(MODELS.select("GPT-4O")).isEmpty();
    }

    @Test
    void onlyOneSuffixIsRead() {
        assertThat(MODELS.select("gpt-4o-news-search")).isEmpty();
    }

    @Test
    void anAliasSelectsItsModelWithEverySuffixAndKeepsTheRequestedName() {
        ModelRegistry aliased = ModelRegistry.load(Optional.empty(), "{\"gpt-4\":\"gpt-4o\"}");
        HixModel gpt4o = aliased.select("gpt-4o").orElseThrow().model();

        assertThat(aliased.select("gpt-4")).contains(new ModelSelection("gpt-4", gpt4o, null));
        assertThat(aliased.select("gpt-4-search")).contains(new ModelSelection("gpt-4-search", gpt4o, "internet"));
        assertThat(aliased.select("gpt-4-news")).contains(new ModelSelection("gpt-4-news", gpt4o, "news"));
        assertThat(aliased.select("gpt-4-academic")).contains(new ModelSelection("gpt-4-academic", gpt4o, "academic"));
        assertThat(MODELS.select("gpt-4")).as("no alias without MODEL_MAPPING").isEmpty();
    }
}
