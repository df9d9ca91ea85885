package dev.hixai2api.openai;

import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChatCompletionRequestParserTest {

    private static final String HELLO = "[{\"role\":\"user\",\"content\":\"Hello\"}]";

    private final ChatCompletionRequestParser parser = new ChatCompletionRequestParser(new ObjectMapper());

    private ChatCompletionRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a body that must be refused and checks the OpenAI error fields common to all refusals. */
    private GatewayException refused(String json, String param) {
        GatewayException error = catchThrowableOfType(() -> parse(json), GatewayException.class);
        assertThat(error).as("refusal of %s", json).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(OpenAiErrorBody.type(error)).isEqualTo("invalid_request_error");
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isNotBlank();
        return error;
    }

    @Test
    void validRequestIsRead() {
        ChatCompletionRequest request = parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true,\"temperature\":0.2}");
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.messages()).containsExactly(new ChatMessage("system", "Be brief"), new ChatMessage("user", "Hello"));
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isFalse();
    }

    @Test
    void streamDefaultsToFalseAndNullIsFalse() {
        assertThat(parse("{\"model\":\"gpt-4o\",\"messages\":" + HELLO + "}").stream()).isFalse();
        assertThat(parse("{\"model\":\"gpt-4o\",\"messages\":" + HELLO + ",\"stream\":null}").stream()).isFalse();
    }

    @Test
    void modelIsTrimmed() {
        assertThat(parse("{\"model\":\" gpt-4o-search \",\"messages\":" + HELLO + "}").model()).isEqualTo("gpt-4o-search");
    }

    @Test
    void everyRoleIsAccepted() {
        for (String role : List.of("system", "developer", "user", "assistant", "function")) {
            assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"" + role + "\",\"content\":\"x\"}]}").messages())
                    .containsExactly(new ChatMessage(role, "x"));
        }
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
                + "\"content\":\"x\"}]}").messages()).containsExactly(ChatMessage.toolResult("call_1", "x"));
    }

    @Test
    void nullOrMissingContentIsEmptyText() {
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":null},{\"role\":\"user\"}]}")
                .messages()).containsExactly(new ChatMessage("assistant", ""), new ChatMessage("user", ""));
    }

    @Test
    void malformedJsonIsRefusedWithoutParam() {
        refused("{\"model\":\"gpt-4o\",", null);
        refused("not json", null);
    }

    @Test
    void nonObjectBodyIsRefusedWithoutParam() {
        refused("[1,2,3]", null);
        refused("\"hello\"", null);
        refused("null", null);
        refused("", null);
    }

    @Test
    void missingModelIsRefused() {
        refused("{\"messages\":" + HELLO + "}", "model");
    }

    @Test
    void blankModelIsRefused() {
        refused("{\"model\":\"  \",\"messages\":" + HELLO + "}", "model");
        refused("{\"model\":\"\",\"messages\":" + HELLO + "}", "model");
    }

    @Test
    void nonStringModelIsRefused() {
        refused("{\"model\":4,\"messages\":" + HELLO + "}", "model");
        refused("{\"model\":null,\"messages\":" + HELLO + "}", "model");
        refused("{\"model\":[\"gpt-4o\"],\"messages\":" + HELLO + "}", "model");
    }

    @Test
    void missingMessagesIsRefused() {
        refused("{\"model\":\"gpt-4o\"}", "messages");
        refused("{\"model\":\"gpt-4o\",\"messages\":null}", "messages");
    }

    @Test
    void nonArrayMessagesIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":{\"role\":\"user\",\"content\":\"Hello\"}}", "messages");
        refused("{\"model\":\"gpt-4o\",\"messages\":\"Hello\"}", "messages");
    }

    @Test
    void emptyMessagesIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":[]}", "messages");
    }

    @Test
    void messageThatIsNotAnObjectIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},\"Hello\"]}", "messages[1]");
        refused("{\"model\":\"gpt-4o\",\"messages\":[null]}", "messages[0]");
    }

    @Test
    void badRoleIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"robot\",\"content\":\"a\"}]}", "messages[0].role");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"content\":\"a\"}]}", "messages[0].role");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":1,\"content\":\"a\"}]}", "messages[0].role");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"User\",\"content\":\"a\"}]}", "messages[0].role");
    }

    @Test
    void contentOfWrongTypeIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":42}]}", "messages[0].content");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":{\"text\":\"a\"}}]}",
                "messages[0].content");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":true}]}", "messages[0].content");
    }

    @Test
    void textContentPartsAreJoinedWithLineFeed() {
        ChatCompletionRequest request = parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"first\"},{\"type\":\"text\",\"text\":\"second\"}]}]}");
        assertThat(request.messages()).containsExactly(new ChatMessage("user", "first\nsecond"));
    }

    @Test
    void emptyContentPartArrayIsEmptyText() {
        assertThat(parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[]}]}").messages())
                .containsExactly(new ChatMessage("user", ""));
    }

    @Test
    void unknownContentPartTypeIsUnsupported() {
        GatewayException error = refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Listen\"},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}]}]}",
                "messages[0].content[1]");
        assertThat(error.code()).isEqualTo("unsupported_content_part");
    }

    @Test
    void imageUrlAndFilePartsBecomeAttachments() {
        ChatCompletionRequest request = parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://127.0.0.1/a.png\"}},"
                + "{\"type\":\"image_url\",\"image_url\":\"data:image/png;base64,AAAA\"},"
                + "{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBE\",\"filename\":\"a.pdf\"}}]}]}");

        ChatMessage message = request.messages().get(0);
        assertThat(message.text()).isEqualTo("What is this?");
        assertThat(message.attachments()).containsExactly(new Attachment("http://127.0.0.1/a.png", null),
                new Attachment("data:image/png;base64,AAAA", null),
                new Attachment("data:application/pdf;base64,JVBE", "a.pdf"));
    }

    @Test
    void badAttachmentPartsNameTheirField() {
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":5}}]}]}", "messages[0].content[0].image_url.url");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"file\",\"file\":{\"file_data\":\"https://x/a.pdf\"}}]}]}", "messages[0].content[0].file.file_data");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\"}]}]}", "messages[0].content[0].image_url");
    }

    @Test
    void malformedContentPartIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[\"plain\"]}]}",
                "messages[0].content[0]");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"no type\"}]}]}",
                "messages[0].content[0]");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[null]}]}",
                "messages[0].content[0]");
        refused("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":5}]}]}",
                "messages[0].content[0].text");
    }

    @Test
    void nonBooleanStreamIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":" + HELLO + ",\"stream\":\"true\"}", "stream");
        refused("{\"model\":\"gpt-4o\",\"messages\":" + HELLO + ",\"stream\":1}", "stream");
    }

    @Test
    void streamOptionsIncludeUsageIsRead() {
        assertThat(parse("{\"model\":\"gpt-4o\",\"messages\":" + HELLO
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").includeUsage()).isTrue();
        assertThat(parse("{\"model\":\"gpt-4o\",\"messages\":" + HELLO
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":false}}").includeUsage()).isFalse();
        assertThat(parse("{\"model\":\"gpt-4o\",\"messages\":" + HELLO
                + ",\"stream\":true,\"stream_options\":{}}").includeUsage()).isFalse();
        assertThat(parse("{\"model\":\"gpt-4o\",\"messages\":" + HELLO
                + ",\"stream_options\":null}").includeUsage()).isFalse();
    }

    @Test
    void nonObjectStreamOptionsIsRefused() {
        refused("{\"model\":\"gpt-4o\",\"messages\":" + HELLO + ",\"stream_options\":true}", "stream_options");
    }

    @Test
    void nonBooleanIncludeUsageIsRefused() {
        GatewayException error = catchThrowableOfType(() -> parse("{\"model\":\"gpt-4o\",\"messages\":" + HELLO
                + ",\"stream_options\":{\"include_usage\":\"yes\"}}"), GatewayException.class);
        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(OpenAiErrorBody.type(error)).isEqualTo("invalid_request_error");
        assertThat(error.param()).endsWith("include_usage");
    }

    @Test
    void nonBooleanIncludeUsageNamesTheFullParamPath() {
        refused("{\"model\":\"gpt-4o\",\"messages\":" + HELLO + ",\"stream_options\":{\"include_usage\":\"yes\"}}",
                "stream_options.include_usage");
    }

    @Test
    void preMessagesParsesAJsonArrayOfMessages() {
        assertThat(parser.preMessages("[{\"role\":\"system\",\"content\":\"Answer in French.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]"))
                .containsExactly(new ChatMessage("system", "Answer in French."), new ChatMessage("user", "Hi"));
    }

    @Test
    void preMessagesUnsetIsEmpty() {
        assertThat(parser.preMessages(null)).isEmpty();
        assertThat(parser.preMessages("")).isEmpty();
        assertThat(parser.preMessages("   ")).isEmpty();
    }

    @Test
    void preMessagesGarbageIsIllegalArgument() {
        assertThatThrownBy(() -> parser.preMessages("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRE_MESSAGES_JSON");
        assertThatThrownBy(() -> parser.preMessages("{\"role\":\"system\",\"content\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.preMessages("[{\"role\":\"robot\",\"content\":\"x\"}]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.preMessages("[\"hello\"]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.preMessages("[{\"role\":\"user\",\"content\":")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- tools

    private static final String WEATHER = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"Weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":"
            + "{\"type\":\"string\"}}}}}";

    @Test
    void toolsToolChoiceAndParallelToolCallsAreRead() {
        ChatCompletionRequest request = parse("{\"model\":\"m\",\"messages\":" + HELLO + ",\"tools\":[" + WEATHER
                + ",{\"type\":\"function\",\"function\":{\"name\":\"now\"}}],\"tool_choice\":{\"type\":\"function\","
                + "\"function\":{\"name\":\"now\"}},\"parallel_tool_calls\":false}");

        assertThat(request.tools().definitions()).extracting(ToolDefinition::name)
                .containsExactly("get_weather", "now");
        assertThat(request.tools().definitions().get(0).description()).isEqualTo("Weather");
        assertThat(request.tools().definitions().get(1).parameters().path("type").asText()).isEqualTo("object");
        assertThat(request.tools().choice()).isEqualTo(ToolChoice.named("now"));
        assertThat(request.tools().parallel()).isFalse();
        assertThat(parse("{\"model\":\"m\",\"messages\":" + HELLO + ",\"tools\":[" + WEATHER
                + "],\"tool_choice\":\"required\"}").tools().choice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(parse("{\"model\":\"m\",\"messages\":" + HELLO + "}").tools()).isEqualTo(Tools.NONE);
    }

    @Test
    void toolCallsAndToolResultsInTheHistoryAreRead() {
        ChatCompletionRequest request = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"cold\"}]}");

        assertThat(request.messages()).containsExactly(new ChatMessage("user", "Hi"),
                ChatMessage.toolCalls("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"))),
                ChatMessage.toolResult("call_1", "cold"));
    }

    @Test
    void badToolFieldsAreRefusedNamingTheField() {
        String start = "{\"model\":\"m\",\"messages\":" + HELLO + ",";
        refused(start + "\"tools\":{}}", "tools");
        refused(start + "\"tools\":[{\"type\":\"code_interpreter\"}]}", "tools[0].type");
        refused(start + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a b\"}}]}",
                "tools[0].function.name");
        refused(start + "\"tools\":[" + WEATHER + "," + WEATHER + "]}", "tools[1].function.name");
        refused(start + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
                + "{\"type\":7}}}]}", "tools[0].function.parameters");
        refused(start + "\"tools\":[" + WEATHER + "],\"tool_choice\":\"always\"}", "tool_choice");
        refused(start + "\"tools\":[" + WEATHER + "],\"tool_choice\":{\"type\":\"function\",\"function\":"
                + "{\"name\":\"other\"}}}", "tool_choice.function.name");
        refused(start + "\"tool_choice\":\"auto\"}", "tool_choice");
        refused(start + "\"tools\":[" + WEATHER + "],\"parallel_tool_calls\":\"yes\"}", "parallel_tool_calls");
        assertThat(refused(start + "\"functions\":[]}", "functions").code()).isEqualTo("unsupported_parameter");
        refused(start + "\"function_call\":\"auto\"}", "function_call");
        refused("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
                + "\"function\":{\"name\":\"f\"}}]}]}", "messages[0].tool_calls[0].function.arguments");
    }
}
