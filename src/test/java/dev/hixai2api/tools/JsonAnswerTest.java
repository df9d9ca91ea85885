package dev.hixai2api.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.ResponseFormat;
import org.junit.jupiter.api.Test;

class JsonAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResponseFormat OBJECT = new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, false);

    private static ResponseFormat schema() throws Exception {
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "person", JSON.readTree("{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}},"
                + "\"required\":[\"name\",\"age\"]}"), true);
    }

    @Test
    void takesTheJsonOutOfFencesAndTextAroundIt() {
        JsonAnswer answer = new JsonAnswer(OBJECT);

        assertThat(answer.check("{\"a\": 1}").json()).isEqualTo("{\"a\":1}");
        assertThat(answer.check("Here:\n```json\n{\"a\": 2}\n```\nDone.").json()).isEqualTo("{\"a\":2}");
        assertThat(answer.check("The result is {\"a\": {\"b\": [3]}} as asked.").json())
                .isEqualTo("{\"a\":{\"b\":[3]}}");
    }

    @Test
    void aJsonObjectFormatNeedsAnObject() {
        JsonAnswer answer = new JsonAnswer(OBJECT);

        assertThat(answer.check("no JSON here").problems()).singleElement().asString().contains("no valid JSON");
        assertThat(answer.check("[1, 2]").problems()).singleElement().asString().contains("not an object");
    }

    @Test
    void aSchemaFormatNamesWhatTheAnswerBreaks() throws Exception {
        JsonAnswer answer = new JsonAnswer(schema());

        assertThat(answer.check("{\"name\": \"Ada\", \"age\": 36}").problems()).isEmpty();
        assertThat(answer.check("{\"name\": \"Ada\"}").problems()).singleElement().asString().contains("age");
    }

    @Test
    void theInstructionCarriesTheSchema() throws Exception {
        assertThat(JsonAnswer.instruction(schema())).contains("(\"person\")", "<schema>\n{\"type\":\"object\"");
        assertThat(JsonAnswer.instruction(OBJECT)).contains("one JSON object and nothing else");
        assertThat(JsonAnswer.instruction(ResponseFormat.TEXT)).isNull();
    }
}
