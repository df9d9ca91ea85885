package dev.hixai2api.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import org.junit.jupiter.api.Test;

class ToolPromptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Tools tools(ToolChoice choice, boolean parallel, String description) throws Exception {
        return new Tools(List.of(new ToolDefinition("get_weather", description,
                JSON.readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))), choice,
                parallel);
    }

    @Test
    void listsEachToolAsOneJsonLineWithTheCallFormatAndTheChoice() throws Exception {
        String prompt = ToolPrompt.full(tools(ToolChoice.AUTO, true, "Weather of a city"));

        assertThat(prompt).contains("<tools>\n{\"name\":\"get_weather\",\"description\":\"Weather of a city\","
                        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}"
                        + "\n</tools>",
                "<tool_call>\n{\"name\": \"<tool name>\", \"arguments\":", "</tool_call>",
                "one block per call", "Tool result (<tool name>, <call id>): <output>")
                .endsWith("Call a tool only when it helps to answer; otherwise answer in plain text without any "
                        + "block.");
    }

    @Test
    void honoursParallelAndEveryChoice() throws Exception {
        assertThat(ToolPrompt.full(tools(ToolChoice.AUTO, false, ""))).contains("at most one tool per answer")
                .doesNotContain("\"description\"");
        assertThat(ToolPrompt.full(tools(ToolChoice.REQUIRED, true, ""))).endsWith("you must call at least one tool.");
        assertThat(ToolPrompt.full(tools(ToolChoice.named("get_weather"), true, "")))
                .endsWith("you must call the tool \"get_weather\".");
        assertThat(ToolPrompt.full(tools(ToolChoice.NONE, true, ""))).isEqualTo(ToolPrompt.NO_CALL);
        assertThat(ToolPrompt.full(Tools.NONE)).isNull();
    }

    @Test
    void theReminderRepeatsTheFormatAndChoiceWithoutTheList() throws Exception {
        String reminder = ToolPrompt.reminder(tools(ToolChoice.REQUIRED, false, "Weather"));

        assertThat(reminder).contains("<tool_call>", "at most one block", "you must call at least one tool")
                .doesNotContain("<tools>");
    }

    @Test
    void theDigestChangesWithTheToolsOnly() throws Exception {
        String digest = ToolPrompt.digest(tools(ToolChoice.AUTO, true, "Weather"));

        assertThat(digest).hasSize(64).isEqualTo(ToolPrompt.digest(tools(ToolChoice.REQUIRED, false, "Weather")));
        assertThat(ToolPrompt.digest(tools(ToolChoice.AUTO, true, "Weather now"))).isNotEqualTo(digest);
        assertThat(ToolPrompt.digest(Tools.NONE)).isNull();
    }
}
