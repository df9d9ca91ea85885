package dev.hixai2api.hix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    @Test
    void plainNameSelectsModelWithoutSearch() {
        ModelSelection selection = ModelSelection.parse("gpt-4o").orElseThrow();
        assertThat(selection.requestedName()).isEqualTo("gpt-4o");
        assertThat(selection.model().name()).isEqualTo("gpt-4o");
        assertThat(selection.searchType()).isNull();
    }

    @Test
    void searchSuffixSelectsInternetSearch() {
        ModelSelection selection = ModelSelection.parse("gpt-4o-search").orElseThrow();
        assertThat(selection.requestedName()).isEqualTo("gpt-4o-search");
        assertThat(selection.model().name()).isEqualTo("gpt-4o");
        assertThat(selection.searchType()).isEqualTo("internet");
    }

    @Test
    void newsSuffixSelectsNewsSearch() {
        ModelSelection selection = ModelSelection.parse("claude-3-5-sonnet-news").orElseThrow();
        assertThat(selection.model().name()).isEqualTo("claude-3-5-sonnet");
        assertThat(selection.searchType()).isEqualTo("news");
    }

    @Test
    void academicSuffixSelectsAcademicSearch() {
        ModelSelection selection = ModelSelection.parse("deepseek-r1-academic").orElseThrow();
        assertThat(selection.model().name()).isEqualTo("deepseek-r1");
        assertThat(selection.searchType()).isEqualTo("academic");
    }

    @Test
    void everyModelAcceptsEverySuffix() {
        for (HixModel model : ModelRegistry.all()) {
            assertThat(ModelSelection.parse(model.name())).get().extracting(ModelSelection::model).isEqualTo(model);
            assertThat(ModelSelection.parse(model.name() + "-search").orElseThrow().model()).isEqualTo(model);
            assertThat(ModelSelection.parse(model.name() + "-news").orElseThrow().model()).isEqualTo(model);
            assertThat(ModelSelection.parse(model.name() + "-academic").orElseThrow().model()).isEqualTo(model);
        }
    }

    @Test
    void unknownModelIsEmpty() {
        assertThat(ModelSelection.parse("gpt-5")).isEmpty();
        assertThat(ModelSelection.parse("gpt-5-search")).isEmpty();
        assertThat(ModelSelection.parse("-search")).isEmpty();
        assertThat(ModelSelection.parse("")).isEmpty();
        assertThat(ModelSelection.parse("GPT-4O")).isEmpty();
    }

    @Test
    void onlyOneSuffixIsRead() {
        assertThat(ModelSelection.parse("gpt-4o-news-search")).isEmpty();
    }
}
