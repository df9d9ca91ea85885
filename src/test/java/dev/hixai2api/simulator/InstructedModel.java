package dev.hixai2api.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat model that reads the gateway's instructions in a chat's questions, as real models do: it calls the tools
 * listed in a {@code <tools>} block (the named one, else the first whose name the user's words mention, else the
 * first), with the required arguments taken from the user's words, answers text that uses tool results, and
 * answers JSON for an answer format, each as its {@link ModelBehaviour} says.
 */
final class InstructedModel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOOLS = Pattern.compile("(?s)<tools>\\n(.*?)</tools>");
    private static final Pattern SCHEMA = Pattern.compile("(?s)<schema>\\n(.*?)\\n</schema>");
    private static final Pattern NAMED = Pattern.compile("you must call the tool \"([^\"]+)\"");
    private static final Pattern RESULT = Pattern.compile("(?m)^Tool result \\([^)]*\\): (.*)$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final String TOOL_CORRECTION = "Your last answer could not be used as tool calls";
    private static final String FORMAT_CORRECTION = "Your last answer does not meet the required answer format";
    private static final String FORMAT = "# Answer format";

    private InstructedModel() {
    }

    /** The content pieces of the answer to the chat's last question, or empty when no instruction applies. */
    static Optional<List<String>> answer(List<String> questions, ModelBehaviour behaviour) {
        String question = questions.get(questions.size() - 1);
        boolean correction = question.startsWith(TOOL_CORRECTION) || question.startsWith(FORMAT_CORRECTION);
        String asked = correction && questions.size() > 1 ? questions.get(questions.size() - 2) : question;
        boolean right = behaviour == ModelBehaviour.FOLLOWS || behaviour == ModelBehaviour.FENCED
                || correction && behaviour != ModelBehaviour.INVALID_ALWAYS;
        if (lastParagraph(question).startsWith("Tool result (")) {
            return Optional.of(pieces("Based on the tool results: " + results(question) + "."));
        }
        if (asked.contains(FORMAT)) {
            return Optional.of(json(asked, right));
        }
        List<JsonNode> tools = tools(questions);
        if (tools.isEmpty() || asked.contains("Do not call any tool in this answer")) {
            return Optional.empty();
        }
        boolean mustCall = asked.contains("you must call");
        if (!mustCall && !asked.contains("Call a tool only when it helps")) {
            return Optional.empty();
        }
        if (!right && behaviour == ModelBehaviour.NO_CALL_ONCE) {
            return Optional.of(pieces("I can answer that without any tool."));
        }
        return Optional.of(calls(tools, asked, behaviour, right));
    }

    private static List<String> calls(List<JsonNode> tools, String asked, ModelBehaviour behaviour, boolean right) {
        String userText = lastParagraph(asked).replaceFirst("^User: ", "");
        JsonNode tool = tool(tools, asked, userText);
        boolean parallel = asked.contains("one block per call");
        List<String> values = parallel ? List.of(userText.split(" and ")) : List.of(userText);
        List<String> pieces = new ArrayList<>(pieces("I'll use " + tool.path("name").asText() + "."));
        for (String value : values) {
            ObjectNode arguments = right ? arguments(tool.path("parameters"), value) : JSON.createObjectNode()
                    .put("unexpected", true);
            pieces.addAll(block(tool.path("name").asText(), arguments, behaviour, right));
        }
        return pieces;
    }

    private static List<String> block(String name, ObjectNode arguments, ModelBehaviour behaviour, boolean right) {
        String call = "{\"name\": \"" + name + "\", \"arguments\": " + arguments + "}";
        if (behaviour == ModelBehaviour.FENCED) {
            String asString = "{\"name\": \"" + name + "\", \"arguments\": "
                    + JSON.getNodeFactory().textNode(arguments.toString()) + "}";
            return List.of("\n```json\n<tool_call>\n", asString, "\n</tool_call>\n```");
        }
        if (!right && behaviour == ModelBehaviour.BROKEN_JSON_ONCE) {
            return List.of("\n<tool_call>\n", call.substring(0, call.length() - 1));
        }
        int half = call.length() / 2;
        return List.of("\n<tool_", "call>\n" + call.substring(0, half), call.substring(half), "\n</tool_call>");
    }

    /** The named tool, else the first whose name's words the user mentions, else the first. */
    private static JsonNode tool(List<JsonNode> tools, String asked, String userText) {
        Matcher named = NAMED.matcher(asked);
        if (named.find()) {
            return tools.stream().filter(t -> t.path("name").asText().equals(named.group(1))).findFirst()
                    .orElse(tools.get(0));
        }
        String lower = userText.toLowerCase();
        for (JsonNode tool : tools) {
            for (String word : tool.path("name").asText().split("_")) {
                if (word.length() > 3 && lower.contains(word.toLowerCase())) {
                    return tool;
                }
            }
        }
        return tools.get(0);
    }

    /** The required properties with values from the user's words: strings a name, numbers the first number. */
    private static ObjectNode arguments(JsonNode schema, String userText) {
        ObjectNode arguments = JSON.createObjectNode();
        for (JsonNode required : schema.path("required")) {
            arguments.set(required.asText(), value(schema.path("properties").path(required.asText()), userText));
        }
        return arguments;
    }

    private static JsonNode value(JsonNode schema, String userText) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String[] words = userText.replaceAll("[^\\p{L}\\p{N} ]", " ").trim().split("\\s+");
        Matcher number = NUMBER.matcher(userText);
        return switch (schema.path("type").asText("string")) {
            case "integer", "number" -> JSON.getNodeFactory().numberNode(number.find()
                    ? Integer.parseInt(number.group()) : 1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode();
            case "object" -> arguments(schema, userText);
            default -> JSON.getNodeFactory().textNode(name(words));
        };
    }

    /** The last capitalised word (a name, as "Paris" in "weather in Paris"), else the last word. */
    private static String name(String[] words) {
        for (int i = words.length - 1; i > 0; i--) {
            if (Character.isUpperCase(words[i].codePointAt(0))) {
                return words[i];
            }
        }
        return words[words.length - 1];
    }

    private static List<String> json(String asked, boolean right) {
        Matcher schema = SCHEMA.matcher(asked);
        JsonNode value;
        if (!right) {
            value = JSON.createObjectNode().put("unexpected", true);
            return schema.find() ? pieces(value.toString()) : pieces("Sorry, no JSON today.");
        }
        value = schema.find() ? example(read(schema.group(1)), lastParagraph(asked))
                : JSON.createObjectNode().put("answer", lastParagraph(asked).replaceFirst("^User: ", ""));
        String text = value.toString();
        int half = text.length() / 2;
        return List.of("Here ", "it is:\n```json\n", text.substring(0, half), text.substring(half), "\n```\nDone.");
    }

    /** A value that meets the schema: every property of an object, filled from the user's words. */
    private static JsonNode example(JsonNode schema, String userText) {
        if (!"object".equals(schema.path("type").asText())) {
            return value(schema, userText);
        }
        ObjectNode object = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            object.set(property.getKey(), example(property.getValue(), userText));
        }
        return object;
    }

    private static List<JsonNode> tools(List<String> questions) {
        for (int i = questions.size() - 1; i >= 0; i--) {
            Matcher block = TOOLS.matcher(questions.get(i));
            if (block.find()) {
                List<JsonNode> tools = new ArrayList<>();
                for (String line : block.group(1).split("\n")) {
                    tools.add(read(line));
                }
                return tools;
            }
        }
        return List.of();
    }

    /** The outputs of the tool results at the end of the question. */
    private static String results(String question) {
        String[] paragraphs = question.strip().split("\n\n");
        List<String> outputs = new ArrayList<>();
        for (int i = paragraphs.length - 1; i >= 0 && paragraphs[i].startsWith("Tool result ("); i--) {
            Matcher result = RESULT.matcher(paragraphs[i]);
            if (result.find()) {
                outputs.add(0, result.group(1).strip());
            }
        }
        return String.join("; ", outputs);
    }

    private static String lastParagraph(String text) {
        String[] paragraphs = text.strip().split("\n\n");
        return paragraphs[paragraphs.length - 1].strip();
    }

    /** Words that keep their leading whitespace, as HixAI streams them. */
    private static List<String> pieces(String text) {
        return List.of(text.split("(?<=\\S)(?=\\s)"));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the gateway sent unreadable JSON: " + json, e);
        }
    }
}
