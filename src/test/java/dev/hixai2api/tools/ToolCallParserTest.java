package dev.hixai2api.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolCallParserTest {

    @Test
    void readsABlockAndKeepsTheTextBeforeIt() {
        ToolCallParser.Parsed parsed = ToolCallParser.parse("Let me look.\n<tool_call>\n"
                + "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\nDone.");

        assertThat(parsed.text()).isEqualTo("Let me look.");
        assertThat(parsed.blocks()).singleElement().satisfies(block -> {
            assertThat(block.name()).isEqualTo("get_weather");
            assertThat(block.arguments().path("city").asText()).isEqualTo("Paris");
            assertThat(block.problem()).isNull();
        });
    }

    @Test
    void readsFencesInsideAndAroundBlocks() {
        ToolCallParser.Parsed around = ToolCallParser.parse("Sure.\n```json\n<tool_call>\n{\"name\": \"a\", "
                + "\"arguments\": {}}\n</tool_call>\n```");
        ToolCallParser.Parsed inside = ToolCallParser.parse("<tool_call>\n```json\n{\"name\": \"a\", "
                + "\"arguments\": {\"x\": 1}}\n```\n</tool_call>");

        assertThat(around.text()).isEqualTo("Sure.");
        assertThat(around.blocks()).singleElement().extracting(ToolCallParser.Block::problem).isNull();
        assertThat(inside.text()).isEmpty();
        assertThat(inside.blocks()).singleElement().satisfies(b -> assertThat(b.arguments().path("x").asInt())
                .isEqualTo(1));
    }

    @Test
    void readsSeveralBlocksTheLastOneUnclosedAndArgumentsAsAString() {
        ToolCallParser.Parsed parsed = ToolCallParser.parse("<tool_call>{\"name\": \"a\", \"arguments\": "
                + "\"{\\\"q\\\": \\\"x\\\"}\"}</tool_call>\n<tool_call>\n{\"name\": \"b\"}");

        assertThat(parsed.blocks()).hasSize(2);
        assertThat(parsed.blocks().get(0).arguments().path("q").asText()).isEqualTo("x");
        assertThat(parsed.blocks().get(1).name()).isEqualTo("b");
        assertThat(parsed.blocks().get(1).arguments().isEmpty()).isTrue();
    }

    @Test
    void namesWhatMakesABlockUnusable() {
        ToolCallParser.Parsed parsed = ToolCallParser.parse("<tool_call>{\"name\": \"a\", \"arguments\": {\"x\": 1}"
                + "</tool_call><tool_call>{\"arguments\": {}}</tool_call><tool_call>{\"name\": \"c\", "
                + "\"arguments\": [1]}</tool_call>");

        assertThat(parsed.blocks()).extracting(ToolCallParser.Block::problem).satisfiesExactly(
                p -> assertThat(p).startsWith("call 1: the block is not valid JSON"),
                p -> assertThat(p).startsWith("call 2: \"name\""),
                p -> assertThat(p).startsWith("call 3: \"arguments\" must be a JSON object"));
    }

    @Test
    void anAnswerWithoutATagIsAllText() {
        ToolCallParser.Parsed parsed = ToolCallParser.parse("Just text with ```code```.");

        assertThat(parsed.text()).isEqualTo("Just text with ```code```.");
        assertThat(parsed.blocks()).isEmpty();
        assertThat(ToolCallParser.markupStart("text")).isEqualTo(-1);
    }
}
