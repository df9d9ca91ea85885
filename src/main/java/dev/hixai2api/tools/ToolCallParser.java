package dev.hixai2api.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finds the {@code <tool_call>} blocks of an answer as chat models really write them: with text before (kept) and
 * after (dropped), in or around ```json fences, several in a row, the last one without its closing tag when the
 * answer ends, {@code arguments} as an object or as a JSON string holding one.
 */
public final class ToolCallParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOCK = Pattern.compile("(?s)" + Pattern.quote(ToolPrompt.OPEN_TAG) + "(.*?)(?:"
            + Pattern.quote(ToolPrompt.CLOSE_TAG) + "|(?=" + Pattern.quote(ToolPrompt.OPEN_TAG) + ")|\\z)");
    /** A fence opener and blank space right before the first block belong to the call markup, not the text. */
    private static final Pattern FENCE_BEFORE = Pattern.compile("(?s)\\s*(?:```[A-Za-z]*)?\\s*\\z");
    private static final Pattern FENCES = Pattern.compile("(?s)^\\s*(?:```[A-Za-z]*\\s*)?(.*?)(?:\\s*```)?\\s*$");

    /**
     * One block as written.
     *
     * @param name      the tool named, or null when the block names none
     * @param arguments the arguments object, or null when unreadable
     * @param problem   what makes the block unusable, or null
     */
    public record Block(String name, JsonNode arguments, String problem) {
    }

    /** @param text what the answer says before its first block (all of it when there is none), stripped at the end */
    public record Parsed(String text, List<Block> blocks) {

        public Parsed {
            blocks = List.copyOf(blocks);
        }
    }

    private ToolCallParser() {
    }

    public static Parsed parse(String answer) {
        int start = markupStart(answer);
        if (start < 0) {
            return new Parsed(answer, List.of());
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(answer);
        while (matcher.find()) {
            blocks.add(block(matcher.group(1), blocks.size() + 1));
        }
        return new Parsed(answer.substring(0, start).stripTrailing(), blocks);
    }

    /** Where the call markup starts (a fence opener right before the first tag included), or -1 without a tag. */
    public static int markupStart(String text) {
        int tag = text.indexOf(ToolPrompt.OPEN_TAG);
        if (tag < 0) {
            return -1;
        }
        Matcher fence = FENCE_BEFORE.matcher(text.substring(0, tag));
        return fence.find() ? fence.start() : tag;
    }

    private static Block block(String body, int number) {
        Matcher unfenced = FENCES.matcher(body);
        String json = unfenced.matches() ? unfenced.group(1) : body.strip();
        String where = "call " + number + ": ";
        JsonNode call;
        try {
            call = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new Block(null, null, where + "the block is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (call == null || !call.isObject()) {
            return new Block(null, null, where + "the block must hold one JSON object with \"name\" and \"arguments\"");
        }
        JsonNode name = call.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            return new Block(null, null, where + "\"name\" (the tool's name as a string) is missing");
        }
        JsonNode arguments = call.has("arguments") ? call.get("arguments") : call.get("parameters");
        if (arguments != null && arguments.isTextual()) {
            try {
                arguments = JSON.readTree(arguments.asText());
            } catch (JsonProcessingException e) {
                return new Block(name.asText(), null, where + "\"arguments\" is a string but not valid JSON ("
                        + e.getOriginalMessage() + ")");
            }
        }
        if (arguments == null || arguments.isNull()) {
            arguments = JSON.createObjectNode();
        }
        if (!arguments.isObject()) {
            return new Block(name.asText(), null, where + "\"arguments\" must be a JSON object");
        }
        return new Block(name.asText(), arguments, null);
    }
}
