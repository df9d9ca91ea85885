package dev.hixai2api.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaCheckTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void namesWhatAValueBreaks() throws Exception {
        JsonSchemaCheck check = JsonSchemaCheck.of(json("""
                {"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},
                 "required":["city"],"additionalProperties":false}"""));

        assertThat(check.problems(json("{\"city\":\"Paris\",\"days\":3}"))).isEmpty();
        assertThat(check.problems(json("{\"days\":\"three\"}")))
                .anySatisfy(p -> assertThat(p).contains("city"))
                .anySatisfy(p -> assertThat(p).contains("days"));
        assertThat(check.problems(json("{\"city\":\"Paris\",\"extra\":1}"))).singleElement().asString()
                .contains("extra");
    }

    @Test
    void neverFetchesAReferencedDocument() throws Exception {
        // 127.0.0.1:9 (discard) is closed here: a fetch would fail or hang, a refused $ref fails at once
        assertThatThrownBy(() -> JsonSchemaCheck.of(json("{\"$ref\":\"http://127.0.0.1:9/schema.json\"}"))
                .problems(json("{}")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void refusesAnUnusableSchema() {
        assertThatThrownBy(() -> JsonSchemaCheck.of(json("{\"type\":12}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
