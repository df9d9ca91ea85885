package dev.hixai2api.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import org.junit.jupiter.api.Test;

class ToolCallCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Tools tools(ToolChoice choice, boolean parallel) throws Exception {
        return new Tools(List.of(
                new ToolDefinition("get_weather", "Weather", JSON.readTree("{\"type\":\"object\",\"properties\":"
                        + "{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")),
                new ToolDefinition("get_time", "", JSON.readTree("{\"type\":\"object\"}"))), choice, parallel);
    }

    private static ToolCallCheck.Verdict check(Tools tools, String answer) {
        return new ToolCallCheck(tools).check(ToolCallParser.parse(answer));
    }

    private static String call(String name, String arguments) {
        return "<tool_call>{\"name\": \"" + name + "\", \"arguments\": " + arguments + "}</tool_call>";
    }

    @Test
    void validCallsGetIdsAndCompactArguments() throws Exception {
        ToolCallCheck.Verdict verdict = check(tools(ToolChoice.AUTO, true),
                "Both.\n" + call("get_weather", "{ \"city\" : \"Paris\" }") + call("get_time", "{}"));

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.text()).isEqualTo("Both.");
        assertThat(verdict.calls()).extracting(ToolCall::name, ToolCall::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Paris\"}"),
                        org.assertj.core.groups.Tuple.tuple("get_time", "{}"));
        assertThat(verdict.calls()).allSatisfy(c -> assertThat(c.id()).matches("call_[A-Za-z0-9]{24}"));
        assertThat(verdict.calls().get(0).id()).isNotEqualTo(verdict.calls().get(1).id());
    }

    @Test
    void anUnknownToolOrArgumentsOffTheSchemaAreProblems() throws Exception {
        ToolCallCheck.Verdict verdict = check(tools(ToolChoice.AUTO, true),
                call("get_wether", "{}") + call("get_weather", "{\"city\": 7}"));

        assertThat(verdict.calls()).isEmpty();
        assertThat(verdict.problems()).satisfiesExactly(
                p -> assertThat(p).contains("no tool \"get_wether\"", "get_weather, get_time"),
                p -> assertThat(p).startsWith("call 2: arguments of \"get_weather\"").contains("city"));
    }

    @Test
    void withoutParallelCallsOnlyTheFirstCounts() throws Exception {
        ToolCallCheck.Verdict verdict = check(tools(ToolChoice.AUTO, false),
                call("get_time", "{}") + call("get_wether", "{}"));

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.calls()).extracting(ToolCall::name).containsExactly("get_time");
    }

    @Test
    void theToolChoiceMustBeMet() throws Exception {
        assertThat(check(tools(ToolChoice.REQUIRED, true), "No call.").problems()).singleElement().asString()
                .contains("must call at least one");
        assertThat(check(tools(ToolChoice.named("get_time"), true), call("get_weather", "{\"city\": \"X\"}"))
                .problems()).singleElement().asString().contains("must call the tool \"get_time\"");
        assertThat(check(tools(ToolChoice.AUTO, true), "No call.").problems()).isEmpty();
    }
}
