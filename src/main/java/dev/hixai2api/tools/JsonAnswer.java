package dev.hixai2api.tools;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.ResponseFormat;

/**
 * A response format the model must meet in its text: the instruction that asks for JSON (with the schema), and the
 * check of an answer: the JSON is taken out of fences and text around it and validated. One per request.
 */
public final class JsonAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED = Pattern.compile("(?s)```[A-Za-z]*\\s*\\n(.*?)```");

    private final ResponseFormat format;
    private final JsonSchemaCheck schema;

    /** @throws IllegalArgumentException when a json_schema format's schema is unusable (doors refuse those first) */
    public JsonAnswer(ResponseFormat format) {
        this.format = format;
        this.schema = format.type() == ResponseFormat.Type.JSON_SCHEMA ? JsonSchemaCheck.of(format.schema()) : null;
    }

    /**
     * @param json     the JSON text of the answer, compact, when it is usable; null otherwise
     * @param problems why it is not, one readable line each; empty when it is
     */
    public record Verdict(String json, List<String> problems) {

        public Verdict {
            problems = List.copyOf(problems);
        }
    }

    /** The instruction for the question; null for a text answer. */
    public static String instruction(ResponseFormat format) {
        return switch (format.type()) {
            case TEXT -> null;
            case JSON_OBJECT -> "# Answer format\n\nAnswer with one JSON object and nothing else: no text before or "
                    + "after it, no code fence.";
            case JSON_SCHEMA -> "# Answer format\n\nAnswer with one JSON value that meets the JSON schema below"
                    + (format.name() == null ? "" : " (\"" + format.name() + "\")") + ", and nothing else: no text "
                    + "before or after it, no code fence. Include every required property with the right type.\n"
                    + "<schema>\n" + format.schema() + "\n</schema>";
        };
    }

    /** The corrective turn after an answer that did not meet the format. */
    public static String correction(List<String> problems) {
        return "Your last answer does not meet the required answer format:\n- " + String.join("\n- ", problems)
                + "\nAnswer again with only the JSON, meeting the format given earlier: no text before or after it.";
    }

    public Verdict check(String answer) {
        JsonNode value = extract(answer);
        if (value == null) {
            return new Verdict(null, List.of("the answer holds no valid JSON"
                    + (format.type() == ResponseFormat.Type.JSON_OBJECT ? " object" : "")));
        }
        if (schema == null) {
            return value.isObject() ? new Verdict(value.toString(), List.of())
                    : new Verdict(null, List.of("the answer's JSON is not an object"));
        }
        List<String> problems = schema.problems(value);
        return problems.isEmpty() ? new Verdict(value.toString(), List.of()) : new Verdict(null, problems);
    }

    /** The first whole JSON value in the answer: all of it, a fenced block's, or from the first brace or bracket on. */
    static JsonNode extract(String answer) {
        JsonNode whole = read(answer.strip());
        if (whole != null) {
            return whole;
        }
        Matcher fenced = FENCED.matcher(answer);
        while (fenced.find()) {
            JsonNode value = read(fenced.group(1).strip());
            if (value != null) {
                return value;
            }
        }
        for (int i = 0; i < answer.length(); i++) {
            char c = answer.charAt(i);
            if (c == '{' || c == '[') {
                JsonNode value = readFirst(answer.substring(i));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static JsonNode read(String text) {
        try {
            JsonNode value = JSON.readTree(text);
            return value != null && (value.isObject() || value.isArray()) ? value : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The JSON value at the start of {@code text}, whatever follows it. */
    private static JsonNode readFirst(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            return JSON.readTree(parser);
        } catch (IOException e) {
            return null;
        }
    }
}
