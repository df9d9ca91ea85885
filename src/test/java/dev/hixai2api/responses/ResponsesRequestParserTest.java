package dev.hixai2api.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import org.junit.jupiter.api.Test;

class ResponsesRequestParserTest {

    private final ResponsesRequestParser parser = new ResponsesRequestParser(new ObjectMapper());

    private ResponsesRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private GatewayException refused(String json, String param) {
        GatewayException error = catchThrowableOfType(() -> parse(json), GatewayException.class);
        assertThat(error).as("refusal of %s", json).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isNotBlank();
        return error;
    }

    @Test
    void stringInputIsOneUserMessageAndDefaultsApply() {
        ResponsesRequest request = parse("{\"model\":\"gpt-4o\",\"input\":\"Hello\"}");

        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.input()).containsExactly(new ChatMessage("user", "Hello"));
        assertThat(request.instructions()).isNull();
        assertThat(request.stream()).isFalse();
        assertThat(request.store()).isTrue();
        assertThat(request.previousResponseId()).isNull();
        assertThat(request.limits().maxOutputTokens()).isNull();
    }

    @Test
    void itemsWithPartsAndSettingsAreRead() {
        ResponsesRequest request = parse("{\"model\":\"o3\",\"instructions\":\"Be brief\",\"stream\":true,"
                + "\"store\":false,\"previous_response_id\":\"resp_1\",\"max_output_tokens\":64,"
                + "\"reasoning\":{\"effort\":\"high\"},\"temperature\":0.3,\"top_p\":0.9,\"tools\":[],\"input\":["
                + "{\"role\":\"developer\",\"content\":\"Use metric units\"},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Earlier\"}]},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Look\"},"
                + "{\"type\":\"input_text\",\"text\":\"here\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"https://127.0.0.1/cat.png\",\"detail\":\"auto\"},"
                + "{\"type\":\"input_file\",\"filename\":\"a.pdf\",\"file_data\":\"data:application/pdf;base64,JVBE\"}]}]}");

        assertThat(request.instructions()).isEqualTo("Be brief");
        assertThat(request.stream()).isTrue();
        assertThat(request.store()).isFalse();
        assertThat(request.previousResponseId()).isEqualTo("resp_1");
        assertThat(request.limits().maxOutputTokens()).isEqualTo(64);
        assertThat(request.input()).containsExactly(new ChatMessage("developer", "Use metric units"),
                new ChatMessage("assistant", "Earlier"),
                new ChatMessage("user", "Look\nhere", List.of(new Attachment("https://127.0.0.1/cat.png", null),
                        new Attachment("data:application/pdf;base64,JVBE", "a.pdf"))));
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        refused("[1]", null);
        refused("{\"input\":\"Hi\"}", "model");
        refused("{\"model\":\"gpt-4o\"}", "input");
        refused("{\"model\":\"gpt-4o\",\"input\":[]}", "input");
        refused("{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "input[0].role");
        refused("{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}",
                "input[0].content[0]");
        refused("{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"max_output_tokens\":0}", "max_output_tokens");
        refused("{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"store\":\"yes\"}", "store");
        refused("{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"previous_response_id\":7}", "previous_response_id");
        refused("{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\","
                + "\"file_data\":\"JVBE\"}]}]}", "input[0].content[0].file_data");
    }

    @Test
    void uploadedFilesAreRefusedWithTheirOwnCode() {
        assertThat(refused("{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"file_id\":\"file-1\"}]}]}", "input[0].content[0].file_id").code()).isEqualTo("unsupported_file_id");
    }
}
