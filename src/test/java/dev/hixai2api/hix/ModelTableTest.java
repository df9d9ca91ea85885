package dev.hixai2api.hix;

import java.io.StringReader;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A models file's mistakes, each named with the file, line and column. */
class ModelTableTest {

    private static final String GPT_4O = "{name: gpt-4o, botId: 5, type: standard, credit: 30, maxInputChars: 8000}";

    @Test
    void aRowReadsEveryFieldAndReasoningIsOptional() {
        ModelTable table = read("""
                models:
                  - {name: r1, botId: 85426, type: standard, credit: 1, maxInputChars: 8000, reasoning: true}
                  - name: opus
                    botId: 53
                    type: ADVANCED
                    credit: 45
                    maxInputChars: 8000
                """);

        assertThat(table.rows()).containsExactly(
                new ModelTable.Row(new HixModel("r1", 85426, ModelType.STANDARD, 1, 8000, true),
                        "m.yaml line 2, column 5"),
                new ModelTable.Row(new HixModel("opus", 53, ModelType.ADVANCED, 45, 8000), "m.yaml line 3, column 5"));
        assertThat(table.removals()).isEmpty();
    }

    @Test
    void badYamlSyntaxNamesTheLineAndColumn() {
        assertThatThrownBy(() -> read("models:\n  - " + GPT_4O + "\n  - {name: x, botId: 1\n"))
                .isInstanceOf(ModelTableException.class)
                .hasMessageStartingWith("The model table cannot be loaded:\n"
                        + "  - m.yaml line 4, column 1: not valid YAML:");
        assertThatThrownBy(() -> read("models:\n  - " + GPT_4O + "\n - oops: [\n"))
                .hasMessageContaining("m.yaml line 3, column 2: not valid YAML:");
    }

    @Test
    void aMissingFieldIsNamedAtItsRow() {
        assertThatThrownBy(() -> read("models:\n  - " + GPT_4O
                + "\n  - {name: x, botId: 7, type: standard, credit: 1}\n"))
                .hasMessageContaining("m.yaml line 3, column 5: the row has no `maxInputChars`");
    }

    @Test
    void invalidValuesAreNamedWhereTheyStand() {
        assertThat(problems(() -> read("""
                models:
                  - {name: a, botId: abc, type: standard, credit: 1, maxInputChars: 10}
                  - {name: b, botId: 2, type: premium, credit: 1, maxInputChars: 10}
                  - {name: c, botId: 3, type: standard, credit: -1, maxInputChars: 10}
                  - {name: d, botId: 4, type: standard, credit: 1, maxInputChars: "10"}
                  - {name: e, botId: 5, type: standard, credit: 1, maxInputChars: 0, reasoning: maybe}
                  - {name: 42, botId: 6, type: standard, credit: 1, maxInputChars: 10}
                  - {name: f, botId: 7, type: standard, credit: 1, maxInputChars: 10, maxInput: 10}
                  - just-a-name
                """))).containsExactly(
                        "m.yaml line 2, column 22: `botId` must be a whole number from 1 to 999999999, not `abc`",
                        "m.yaml line 3, column 31: `type` must be standard or advanced, not `premium`",
                        "m.yaml line 4, column 49: `credit` must be a whole number from 0 to 999999999, not `-1`",
                        "m.yaml line 5, column 67: `maxInputChars` must be a whole number from 1 to 999999999, "
                                + "not `10`",
                        "m.yaml line 6, column 67: `maxInputChars` must be a whole number from 1 to 999999999, not `0`",
                        "m.yaml line 6, column 81: `reasoning` must be true or false, not `maybe`",
                        "m.yaml line 7, column 12: `name` must be a model name: text without spaces (quote a name "
                                + "YAML would read as a number or true/false), not `42`",
                        "m.yaml line 8, column 71: unknown field `maxInput` (known: name, botId, type, credit, "
                                + "maxInputChars, reasoning)",
                        "m.yaml line 9, column 5: a model row is a mapping: {name: …, botId: …, type: …, credit: …, "
                                + "maxInputChars: …}, not `just-a-name`");
    }

    @Test
    void aNameDefinedTwiceAndAFieldGivenTwiceAreRefused() {
        assertThatThrownBy(() -> read("models:\n  - " + GPT_4O + "\n  - " + GPT_4O.replace("5,", "6,") + "\n"))
                .hasMessageContaining("m.yaml line 3, column 5: a second row for `gpt-4o` (the first is at m.yaml "
                        + "line 2, column 5)");
        assertThatThrownBy(() -> read("models:\n  - {name: a, name: b, botId: 1, type: standard, credit: 1, "
                + "maxInputChars: 1}\n"))
                .hasMessageContaining("m.yaml line 2, column 15: `name` is given twice");
    }

    @Test
    void theFileMustBeAMappingOfKnownSectionsWithLists() {
        assertThatThrownBy(() -> read("- " + GPT_4O + "\n"))
                .hasMessageContaining("m.yaml line 1, column 1: the file must be a mapping with a `models` list");
        assertThatThrownBy(() -> read("modles:\n  - " + GPT_4O + "\n"))
                .hasMessageContaining("m.yaml line 1, column 1: unknown top-level key `modles` "
                        + "(known: models, remove)");
        assertThatThrownBy(() -> read("models: " + GPT_4O + "\n"))
                .hasMessageContaining("m.yaml line 1, column 9: `models` must be a list");
    }

    @Test
    void duplicateBotIdsAcrossTheMergedTableNameBothRows() {
        ModelTable packaged = read("models:\n  - " + GPT_4O + "\n");
        ModelTable override = new ModelTable(List.of(new ModelTable.Row(
                new HixModel("new", 5, ModelType.STANDARD, 1, 10), "o.yaml line 2, column 5")), List.of());

        assertThatThrownBy(() -> ModelTable.merge(packaged, override))
                .hasMessageContaining("o.yaml line 2, column 5: botId 5 of `new` is already the bot of `gpt-4o` "
                        + "(m.yaml line 2, column 5); a second name for a model is an alias (MODEL_MAPPING)");
    }

    @Test
    void removalsMustNamePackagedModelsNotDefinedAgain() {
        ModelTable packaged = read("models:\n  - " + GPT_4O + "\n");
        ModelTable override = new ModelTable(List.of(new ModelTable.Row(
                new HixModel("x", 9, ModelType.STANDARD, 1, 10), "o.yaml line 2, column 5")),
                List.of(new ModelTable.Entry("nope", "o.yaml line 3, column 11"),
                        new ModelTable.Entry("x", "o.yaml line 3, column 17")));

        assertThat(problems(() -> ModelTable.merge(packaged, override))).containsExactly(
                "o.yaml line 3, column 11: `nope` is not a packaged model: nothing to remove",
                        "o.yaml line 3, column 17: `x` is both removed and defined in this file");
        ModelTable removeAll = new ModelTable(List.of(),
                List.of(new ModelTable.Entry("gpt-4o", "o.yaml line 1, column 9")));
        assertThatThrownBy(() -> ModelTable.merge(packaged, removeAll)).hasMessageContaining("no model left");
    }

    @Test
    void removeReadsAListOfNames() {
        assertThat(read("remove: [claude-2, \"gpt4\"]\n").removals()).containsExactly(
                new ModelTable.Entry("claude-2", "m.yaml line 1, column 10"),
                new ModelTable.Entry("gpt4", "m.yaml line 1, column 20"));
    }

    private static ModelTable read(String yaml) {
        return ModelTable.read("m.yaml", new StringReader(yaml));
    }

    private static List<String> problems(ThrowingCallable reading) {
        return catchThrowableOfType(ModelTableException.class, reading).problems();
    }
}
