package dev.hixai2api.anthropic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import dev.hixai2api.tools.JsonSchemaCheck;

/**
 * Reads a Messages request's {@code tools} and {@code tool_choice} into the canonical {@link Tools}. Only custom
 * tools can be emulated by prompt: Anthropic's server tools (web search, code execution, bash, text editor,
 * computer use …) run on Anthropic's side and are refused, naming {@code tools.N.type}.
 */
final class AnthropicToolsParser {

    /** Anthropic's rule for a tool's name; it also keeps the name safe inside the engine's call markup. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    /** cache_control is ignored as on every block; strict and eager_input_streaming hold as the README says. */
    private static final Set<String> TOOL_FIELDS = Set.of("type", "name", "description", "input_schema",
            "input_examples", "cache_control", "strict", "eager_input_streaming", "defer_loading", "allowed_callers");
    private static final Set<String> CHOICE_FIELDS = Set.of("type", "name", "disable_parallel_tool_use");

    private AnthropicToolsParser() {
    }

    /** @param tools and {@code choice} as the request has them (null when absent) */
    static Tools parse(JsonNode tools, JsonNode choice) {
        List<ToolDefinition> definitions = definitions(tools);
        if (choice == null || choice.isNull()) {
            return definitions.isEmpty() ? Tools.NONE : new Tools(definitions, ToolChoice.AUTO, true);
        }
        if (!choice.isObject()) {
            throw invalid("tool_choice", "must be an object with a type (auto, any, tool or none)");
        }
        requireKnown(choice, CHOICE_FIELDS, "tool_choice");
        String type = string(choice, "type", "tool_choice", true);
        ToolChoice toolChoice = switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "none" -> ToolChoice.NONE;
            case "any" -> ToolChoice.REQUIRED;
            case "tool" -> ToolChoice.named(chosen(choice, definitions));
            default -> throw invalid("tool_choice.type", "must be auto, any, tool or none, not " + type);
        };
        if (definitions.isEmpty() && (type.equals("any") || type.equals("tool"))) {
            throw invalid("tool_choice.type", type + " needs tools: the request offers none");
        }
        JsonNode disable = choice.get("disable_parallel_tool_use");
        if (disable != null && !disable.isNull() && (!disable.isBoolean() || type.equals("none"))) {
            throw invalid("tool_choice.disable_parallel_tool_use",
                    type.equals("none") ? "Extra inputs are not permitted" : "must be a boolean");
        }
        return new Tools(definitions, toolChoice, disable == null || !disable.booleanValue());
    }

    private static List<ToolDefinition> definitions(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw invalid("tools", "must be an array of tools");
        }
        List<ToolDefinition> definitions = new ArrayList<>(tools.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            ToolDefinition definition = definition(tools.get(i), "tools." + i);
            if (!names.add(definition.name())) {
                throw invalid("tools." + i + ".name", "tool names must be unique: " + definition.name()
                        + " is offered twice");
            }
            definitions.add(definition);
        }
        return definitions;
    }

    private static ToolDefinition definition(JsonNode tool, String path) {
        if (!tool.isObject()) {
            throw invalid(path, "must be an object with name and input_schema");
        }
        JsonNode type = tool.get("type");
        if (type != null && !type.isNull() && !"custom".equals(type.asText())) {
            throw invalid(path + ".type", "server tools such as " + type.asText() + " run on Anthropic's side "
                    + "and are not supported here; offer custom tools (type absent or custom) only");
        }
        requireKnown(tool, TOOL_FIELDS, path);
        String name = string(tool, "name", path, true);
        if (!NAME.matcher(name).matches()) {
            throw invalid(path + ".name", "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
        }
        refuseUnrunnable(tool, path);
        JsonNode schema = schema(tool.get("input_schema"), path + ".input_schema");
        return new ToolDefinition(name, description(tool, path), schema);
    }

    /** Tool search and programmatic calling need Anthropic's own tools: deferred or code-called tools are refused. */
    private static void refuseUnrunnable(JsonNode tool, String path) {
        JsonNode defer = tool.get("defer_loading");
        if (defer != null && !defer.isNull() && !(defer.isBoolean() && !defer.booleanValue())) {
            throw invalid(path + ".defer_loading", "deferred tools need Anthropic's tool search, which this "
                    + "gateway does not have; send the tool without defer_loading");
        }
        JsonNode callers = tool.get("allowed_callers");
        if (callers != null && !callers.isNull()
                && !(callers.isArray() && callers.size() == 1 && "direct".equals(callers.get(0).asText()))) {
            throw invalid(path + ".allowed_callers", "only the model itself (direct) can call a tool here: "
                    + "programmatic calling needs Anthropic's code execution");
        }
    }

    /** The description, with the input examples a client gave appended so that the model sees them too. */
    private static String description(JsonNode tool, String path) {
        String description = tool.has("description") && !tool.get("description").isNull()
                ? string(tool, "description", path, false) : "";
        JsonNode examples = tool.get("input_examples");
        if (examples == null || examples.isNull()) {
            return description;
        }
        if (!examples.isArray()) {
            throw invalid(path + ".input_examples", "must be an array of example inputs");
        }
        StringBuilder text = new StringBuilder(description);
        for (int i = 0; i < examples.size(); i++) {
            if (!examples.get(i).isObject()) {
                throw invalid(path + ".input_examples." + i, "must be an object (an example input)");
            }
            text.append(text.isEmpty() ? "" : "\n").append("Example input: ").append(examples.get(i));
        }
        return text.toString();
    }

    /** An object schema the validator can use, copied; refused naming {@code path} otherwise. */
    static JsonNode schema(JsonNode schema, String path) {
        if (schema == null || schema.isNull()) {
            throw invalid(path, "Field required");
        }
        if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
            throw invalid(path, "must be a JSON schema of type object");
        }
        try {
            JsonSchemaCheck.of(schema);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
        return schema.deepCopy();
    }

    private static String chosen(JsonNode choice, List<ToolDefinition> definitions) {
        String name = string(choice, "name", "tool_choice", true);
        if (definitions.stream().noneMatch(d -> d.name().equals(name))) {
            throw invalid("tool_choice.name", "no tool named " + name + " is among the request's tools");
        }
        return name;
    }

    private static void requireKnown(JsonNode node, Set<String> known, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(path + "." + name, "Extra inputs are not permitted");
            }
        }
    }

    private static String string(JsonNode parent, String field, String path, boolean nonBlank) {
        JsonNode value = parent.get(field);
        String at = path + "." + field;
        if (value == null || value.isNull()) {
            throw invalid(at, "Field required");
        }
        if (!value.isTextual() || nonBlank && value.asText().isBlank()) {
            throw invalid(at, nonBlank ? "must be a non-empty string" : "must be a string");
        }
        return value.asText();
    }

    /** Anthropic's message form: the field's path, a colon, the problem. */
    static GatewayException invalid(String param, String problem) {
        return GatewayException.invalidRequest(param, param + ": " + problem);
    }
}
