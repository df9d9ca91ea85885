package dev.hixai2api.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class InstructedModelTest {

    private static final String TOOLS = "System: # Tools\n\n<tools>\n{\"name\":\"get_time\",\"parameters\":"
            + "{\"type\":\"object\"}}\n{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}},\"required\":[\"city\",\"days\"]}}\n"
            + "</tools>\n\n5. Call a tool only when it helps to answer; one block per call";

    private static String answer(ModelBehaviour behaviour, String... questions) {
        return String.join("", InstructedModel.answer(List.of(questions), behaviour).orElseThrow());
    }

    @Test
    void callsTheToolTheUserMentionsWithArgumentsFromTheirWords() {
        assertThat(answer(ModelBehaviour.FOLLOWS, TOOLS + "\n\nUser: Weather in Paris for 3 days"))
                .isEqualTo("I'll use get_weather.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": "
                        + "{\"city\":\"Paris\",\"days\":3}}\n</tool_call>");
    }

    @Test
    void answersToolResultsWithText() {
        assertThat(answer(ModelBehaviour.FOLLOWS, TOOLS + "\n\nUser: Weather?", "Tool result (get_weather, c1): hot"))
                .isEqualTo("Based on the tool results: hot.");
    }

    @Test
    void aModelWrongOnceIsRightAfterTheCorrectiveTurn() {
        String first = answer(ModelBehaviour.INVALID_ONCE, TOOLS + "\n\nUser: Weather in Oslo for 2 days");
        String second = answer(ModelBehaviour.INVALID_ONCE, TOOLS + "\n\nUser: Weather in Oslo for 2 days",
                "Your last answer could not be used as tool calls:\n- …");

        assertThat(first).contains("{\"unexpected\":true}");
        assertThat(second).contains("{\"city\":\"Oslo\",\"days\":2}");
    }

    @Test
    void withoutInstructionsItHasNoAnswerOfItsOwn() {
        assertThat(InstructedModel.answer(List.of("Hello"), ModelBehaviour.FOLLOWS)).isEmpty();
    }
}
