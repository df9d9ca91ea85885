package dev.hixai2api.hix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * MODEL_MAPPING, new-api's form: a JSON object alias → model name, e.g. {@code {"gpt-4":"gpt-4o"}}. Each entry
 * keeps where it stands (line and column) for the messages of {@link ModelRegistry}'s checks.
 */
record ModelMapping(List<Alias> aliases) {

    static final String SETTING = "MODEL_MAPPING";
    static final ModelMapping NONE = new ModelMapping(List.of());

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** One entry: a client may send {@code alias}, {@code target} answers it. */
    record Alias(String alias, String target, String where) {
    }

    /** @param json the setting's value; null or blank: no alias */
    static ModelMapping parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        List<Alias> aliases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelTableException(List.of(where(parser.currentTokenLocation())
                        + ": must be a JSON object of alias → model, e.g. {\"gpt-4\":\"gpt-4o\"}"));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String alias = parser.currentName();
                String where = where(parser.currentTokenLocation());
                JsonToken value = parser.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    problems.add(where + ": the alias `" + alias + "` must map to a model name (a JSON string)");
                    parser.skipChildren();
                } else if (alias.isEmpty() || alias.chars().anyMatch(Character::isWhitespace)) {
                    problems.add(where + ": the alias `" + alias + "` must be a name without spaces");
                } else {
                    aliases.add(new Alias(alias, parser.getText(), where));
                }
            }
            if (parser.nextToken() != null) {
                problems.add(where(parser.currentTokenLocation()) + ": unexpected text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            problems.add(where(e.getLocation()) + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add(SETTING + ": cannot be read (" + e.getMessage() + ")");
        }
        ModelTableException.throwIfAny(problems);
        return new ModelMapping(List.copyOf(aliases));
    }

    private static String where(JsonLocation location) {
        return location == null ? SETTING
                : ModelTableException.at(SETTING, location.getLineNr(), location.getColumnNr());
    }
}
