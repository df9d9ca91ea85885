package dev.hixai2api.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import org.junit.jupiter.api.Test;

/** tools, tool_choice, parallel_tool_calls, text.format and the tool items of the input, as the parser reads them. */
class ResponsesToolsParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEATHER = "{\"type\":\"function\",\"name\":\"get_weather\","
            + "\"description\":\"Weather now\",\"strict\":true,\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}";

    private final ResponsesRequestParser parser = new ResponsesRequestParser(MAPPER);

    private ResponsesRequest parse(String fields) {
        return parser.parse(("{\"model\":\"gpt-4o\"," + fields + "}").getBytes(StandardCharsets.UTF_8));
    }

    private ResponsesRequest withInput(String fields) {
        return parse("\"input\":\"Hi\"," + fields);
    }

    private GatewayException refused(String fields, String param) {
        GatewayException error = catchThrowableOfType(() -> parse(fields), GatewayException.class);
        assertThat(error).as("refusal of %s", fields).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).as("param of %s", fields).isEqualTo(param);
        assertThat(error.getMessage()).contains("`" + param + "`");
        return error;
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void functionToolsBecomeDefinitionsWithTheirChoiceAndEcho() throws Exception {
        ResponsesRequest request = withInput("\"tools\":[" + WEATHER + ",{\"type\":\"function\",\"name\":\"now\"}],"
                + "\"tool_choice\":{\"type\":\"function\",\"name\":\"now\"},\"parallel_tool_calls\":false");

        List<ToolDefinition> definitions = request.tools().tools().definitions();
        assertThat(definitions).extracting(ToolDefinition::name).containsExactly("get_weather", "now");
        assertThat(definitions.get(0).description()).isEqualTo("Weather now");
        assertThat(definitions.get(0).parameters()).isEqualTo(json(WEATHER).get("parameters"));
        assertThat(definitions.get(1).description()).isEmpty();
        assertThat(definitions.get(1).parameters()).isEqualTo(json("{\"type\":\"object\",\"properties\":{}}"));
        assertThat(request.tools().tools().choice()).isEqualTo(ToolChoice.named("now"));
        assertThat(request.tools().tools().parallel()).isFalse();
        assertThat(request.tools().webSearch()).isFalse();
        assertThat(request.echo().get("tools"))
                .isEqualTo(json("[" + WEATHER + ",{\"type\":\"function\",\"name\":\"now\"}]"));
        assertThat(request.echo().get("tool_choice")).isEqualTo(json("{\"type\":\"function\",\"name\":\"now\"}"));
        assertThat(request.echo().get("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(request.echo().get("text")).isEqualTo(json("{\"format\":{\"type\":\"text\"}}"));
        assertThat(withInput("\"tools\":[" + WEATHER + "],\"tool_choice\":\"required\"").tools().tools().choice())
                .isEqualTo(ToolChoice.REQUIRED);
        assertThat(withInput("\"tools\":[" + WEATHER + "],\"tool_choice\":\"none\"").tools().tools().callable())
                .isFalse();
        ResponsesRequest plain = withInput("\"temperature\":0.2");
        assertThat(plain.tools().tools().definitions()).isEmpty();
        assertThat(plain.echo().get("tool_choice").asText()).isEqualTo("auto");
        assertThat(plain.echo().get("parallel_tool_calls").asBoolean()).isTrue();
    }

    @Test
    void aCustomToolIsAFunctionOfOneStringInputThatCarriesItsGrammar() {
        ResponsesRequest request = withInput("\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\","
                + "\"description\":\"Edit files\",\"format\":{\"type\":\"grammar\",\"syntax\":\"lark\","
                + "\"definition\":\"start: begin_patch\"}},{\"type\":\"custom\",\"name\":\"note\"}],"
                + "\"tool_choice\":{\"type\":\"custom\",\"name\":\"apply_patch\"}");

        ToolDefinition patch = request.tools().tools().definitions().get(0);
        assertThat(patch.name()).isEqualTo("apply_patch");
        assertThat(patch.description()).isEqualTo("Edit files");
        assertThat(patch.parameters().at("/required/0").asText()).isEqualTo("input");
        assertThat(patch.parameters().at("/properties/input/type").asText()).isEqualTo("string");
        assertThat(patch.parameters().at("/properties/input/description").asText())
                .contains("lark grammar").contains("start: begin_patch");
        assertThat(patch.parameters().get("additionalProperties").asBoolean()).isFalse();
        assertThat(request.tools().customNames()).containsExactlyInAnyOrder("apply_patch", "note");
        assertThat(request.tools().tools().choice()).isEqualTo(ToolChoice.named("apply_patch"));
    }

    @Test
    void aWebSearchToolTurnsOnHixAisSearch() {
        ResponsesRequest request = withInput("\"tools\":[{\"type\":\"web_search\",\"external_web_access\":false},"
                + WEATHER + "]");

        assertThat(request.tools().webSearch()).isTrue();
        assertThat(request.tools().tools().definitions()).extracting(ToolDefinition::name)
                .containsExactly("get_weather");
        assertThat(withInput("\"tools\":[{\"type\":\"web_search_preview\",\"search_context_size\":\"low\"}]")
                .tools().webSearch()).isTrue();
    }

    @Test
    void toolsTheGatewayCannotRunOrReadAreRefusedNamingTheField() {
        for (String hosted : List.of("local_shell", "file_search", "computer_use_preview", "code_interpreter",
                "image_generation", "mcp")) {
            assertThat(refused("\"input\":\"Hi\",\"tools\":[" + WEATHER + ",{\"type\":\"" + hosted + "\"}]",
                    "tools[1].type").code()).isEqualTo("unsupported_parameter");
        }
        refused("\"input\":\"Hi\",\"tools\":{}", "tools");
        refused("\"input\":\"Hi\",\"tools\":[7]", "tools[0]");
        refused("\"input\":\"Hi\",\"tools\":[{\"type\":\"function\"}]", "tools[0].name");
        refused("\"input\":\"Hi\",\"tools\":[{\"type\":\"function\",\"name\":\"get weather\"}]", "tools[0].name");
        refused("\"input\":\"Hi\",\"tools\":[" + WEATHER + "," + WEATHER + "]", "tools[1].name");
        refused("\"input\":\"Hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":"
                + "\"object\",\"properties\":{\"a\":{\"type\":\"strin\"}}}}]", "tools[0].parameters");
        refused("\"input\":\"Hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":"
                + "\"string\"}}]", "tools[0].parameters");
        refused("\"input\":\"Hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"strict\":\"yes\"}]",
                "tools[0].strict");
        refused("\"input\":\"Hi\",\"tools\":[{\"type\":\"custom\",\"name\":\"f\",\"format\":{\"type\":\"regex\"}}]",
                "tools[0].format.type");
        refused("\"input\":\"Hi\",\"tools\":[{\"type\":\"web_search\",\"filters\":{\"allowed_domains\":[\"a.b\"]}}]",
                "tools[0].filters");
        refused("\"input\":\"Hi\",\"tools\":[" + WEATHER + "],\"tool_choice\":\"always\"", "tool_choice");
        refused("\"input\":\"Hi\",\"tools\":[" + WEATHER + "],\"tool_choice\":{\"type\":\"web_search\"}",
                "tool_choice");
        refused("\"input\":\"Hi\",\"tools\":[" + WEATHER + "],\"tool_choice\":{\"type\":\"function\","
                + "\"name\":\"other\"}", "tool_choice.name");
        refused("\"input\":\"Hi\",\"tools\":[" + WEATHER + "],\"tool_choice\":{\"type\":\"custom\","
                + "\"name\":\"get_weather\"}", "tool_choice.name");
        refused("\"input\":\"Hi\",\"tool_choice\":\"required\"", "tool_choice");
        refused("\"input\":\"Hi\",\"parallel_tool_calls\":\"no\"", "parallel_tool_calls");
    }

    @Test
    void textFormatBecomesTheResponseFormat() throws Exception {
        String schema = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}";
        ResponsesRequest request = withInput("\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"count\","
                + "\"description\":\"How many\",\"strict\":true,\"schema\":" + schema + "},\"verbosity\":\"low\"}");

        ResponseFormat format = request.format();
        assertThat(format.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        assertThat(format.name()).isEqualTo("count");
        assertThat(format.strict()).isTrue();
        assertThat(format.schema().get("required")).isEqualTo(json("[\"n\"]"));
        assertThat(format.schema().get("description").asText()).isEqualTo("How many");
        assertThat(request.echo().get("text")).isEqualTo(json("{\"format\":{\"type\":\"json_schema\",\"name\":"
                + "\"count\",\"description\":\"How many\",\"strict\":true,\"schema\":" + schema + "},"
                + "\"verbosity\":\"low\"}"));
        assertThat(withInput("\"text\":{\"format\":{\"type\":\"json_object\"}}").format().type())
                .isEqualTo(ResponseFormat.Type.JSON_OBJECT);
        assertThat(withInput("\"text\":{\"format\":{\"type\":\"text\"}}").format()).isEqualTo(ResponseFormat.TEXT);
        assertThat(withInput("\"temperature\":1").format()).isEqualTo(ResponseFormat.TEXT);
    }

    @Test
    void badTextFormatsAreRefusedNamingTheField() {
        refused("\"input\":\"Hi\",\"text\":\"json\"", "text");
        refused("\"input\":\"Hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}", "text.format.type");
        refused("\"input\":\"Hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"schema\":{}}}", "text.format.name");
        refused("\"input\":\"Hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}",
                "text.format.schema");
        refused("\"input\":\"Hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"schema\":"
                + "{\"type\":\"object\",\"required\":\"n\"}}}", "text.format.schema");
        refused("\"input\":\"Hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"strict\":1,"
                + "\"schema\":{\"type\":\"object\"}}}", "text.format.strict");
        refused("\"input\":\"Hi\",\"text\":{\"verbosity\":\"loud\"}", "text.verbosity");
    }

    @Test
    void callsJoinTheAssistantTurnBeforeThemAndOutputsAreToolResults() {
        ResponsesRequest request = parse("\"input\":[{\"role\":\"user\",\"content\":\"Weather in Paris and Rome?\"},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"Checking.\"}]},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]},"
                + "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_a\",\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\",\"status\":\"completed\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_b\",\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_a\",\"output\":\"18C\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_b\",\"output\":[{\"type\":\"input_text\","
                + "\"text\":\"21C\"},{\"type\":\"input_text\",\"text\":\"sunny\"}]},"
                + "{\"type\":\"custom_tool_call\",\"call_id\":\"call_c\",\"name\":\"apply_patch\","
                + "\"input\":\"*** Begin Patch\\n*** End Patch\"},"
                + "{\"type\":\"custom_tool_call_output\",\"call_id\":\"call_c\",\"output\":\"Done\"}]");

        assertThat(request.input()).containsExactly(new ChatMessage("user", "Weather in Paris and Rome?"),
                ChatMessage.toolCalls("Checking.", List.of(
                        new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_b", "get_weather", "{\"city\":\"Rome\"}"))),
                ChatMessage.toolResult("call_a", "18C"), ChatMessage.toolResult("call_b", "21C\nsunny"),
                ChatMessage.toolCalls("", List.of(new ToolCall("call_c", "apply_patch",
                        "{\"input\":\"*** Begin Patch\\n*** End Patch\"}"))),
                ChatMessage.toolResult("call_c", "Done"));
    }

    @Test
    void badToolItemsAreRefusedNamingTheField() {
        refused("\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{oops\"}]",
                "input[0].arguments");
        refused("\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"[1]\"}]",
                "input[0].arguments");
        refused("\"input\":[{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}]", "input[0].call_id");
        refused("\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"arguments\":\"{}\"}]", "input[0].name");
        refused("\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\"}]", "input[0].output");
        refused("\"input\":[{\"type\":\"custom_tool_call\",\"call_id\":\"c\",\"name\":\"f\"}]", "input[0].input");
        assertThat(refused("\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":[{\"type\":"
                + "\"input_image\",\"image_url\":\"data:image/png;base64,AA\"}]}]", "input[0].output[0]").code())
                .isEqualTo("unsupported_content_part");
        assertThat(refused("\"input\":[{\"type\":\"local_shell_call\",\"call_id\":\"c\"}]", "input[0].type").code())
                .isEqualTo("unsupported_input_item");
    }
}
