package dev.hixai2api.openai;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import dev.hixai2api.tools.JsonSchemaCheck;

/**
 * The tool fields of a chat completion request: {@code tools} (functions only), {@code tool_choice},
 * {@code parallel_tool_calls}, an assistant message's {@code tool_calls} and a tool message's
 * {@code tool_call_id}. The legacy {@code functions}/{@code function_call} are refused with a pointer to
 * {@code tools}: their answers have another shape ({@code message.function_call}).
 */
public final class OpenAiToolFields {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private OpenAiToolFields() {
    }

    static Tools tools(JsonNode root) {
        for (String legacy : List.of("functions", "function_call")) {
            if (root.hasNonNull(legacy)) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_parameter", legacy,
                        "`" + legacy + "` (deprecated by OpenAI) is not supported; send the functions as `tools` "
                                + "and choose with `tool_choice`.");
            }
        }
        JsonNode tools = root.get("tools");
        List<ToolDefinition> definitions = tools == null || tools.isNull() ? List.of() : definitions(tools);
        ToolChoice choice = choice(root.get("tool_choice"), definitions);
        boolean parallel = OpenAiFields.bool(root, "parallel_tool_calls", "parallel_tool_calls", true);
        return definitions.isEmpty() ? Tools.NONE : new Tools(definitions, choice, parallel);
    }

    private static List<ToolDefinition> definitions(JsonNode tools) {
        if (!tools.isArray()) {
            throw GatewayException.invalidRequest("tools", "`tools` must be an array of tool objects.");
        }
        List<ToolDefinition> definitions = new ArrayList<>(tools.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw GatewayException.invalidRequest(path, "`" + path + "` must be an object.");
            }
            JsonNode type = tool.get("type");
            if (type == null || !"function".equals(type.asText(null))) {
                throw GatewayException.invalidRequest(path + ".type", "`" + path + ".type` must be `function`: "
                        + "HixAI runs no built-in tools, the gateway offers the model the client's functions only.");
            }
            ToolDefinition definition = function(tool.get("function"), path + ".function");
            if (!names.add(definition.name())) {
                throw GatewayException.invalidRequest(path + ".function.name",
                        "`" + path + ".function.name` repeats the name `" + definition.name() + "`.");
            }
            definitions.add(definition);
        }
        return definitions;
    }

    /** A function's {@code name}, {@code description} and {@code parameters} at {@code path} (as a Responses tool). */
    public static ToolDefinition function(JsonNode function, String path) {
        if (function == null || !function.isObject()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be an object with a `name`.");
        }
        String name = OpenAiFields.text(function, "name", path + ".name");
        if (!NAME.matcher(name).matches()) {
            throw GatewayException.invalidRequest(path + ".name", "`" + path + ".name` must be 1 to 64 letters, "
                    + "digits, underscores or dashes.");
        }
        String description = OpenAiFields.optionalText(function, "description", path + ".description");
        JsonNode parameters = function.get("parameters");
        if (parameters == null || parameters.isNull()) {
            ObjectNode none = JsonNodeFactory.instance.objectNode().put("type", "object");
            none.putObject("properties");
            parameters = none;
        } else if (!parameters.isObject()) {
            throw GatewayException.invalidRequest(path + ".parameters", "`" + path + ".parameters` must be a JSON "
                    + "schema object.");
        }
        try {
            JsonSchemaCheck.of(parameters);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest(path + ".parameters", "`" + path + ".parameters` is "
                    + e.getMessage());
        }
        return new ToolDefinition(name, description == null ? "" : description, parameters.deepCopy());
    }

    private static ToolChoice choice(JsonNode choice, List<ToolDefinition> definitions) {
        if (choice == null || choice.isNull()) {
            return ToolChoice.AUTO;
        }
        if (definitions.isEmpty()) {
            throw GatewayException.invalidRequest("tool_choice", "`tool_choice` is only allowed when `tools` are "
                    + "specified.");
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw GatewayException.invalidRequest("tool_choice", "`tool_choice` must be `none`, "
                        + "`auto`, `required` or {\"type\": \"function\", \"function\": {\"name\": …}}.");
            };
        }
        JsonNode function = choice.path("function");
        if (!choice.isObject() || !"function".equals(choice.path("type").asText(null)) || !function.isObject()) {
            throw GatewayException.invalidRequest("tool_choice", "`tool_choice` must be `none`, `auto`, `required` "
                    + "or {\"type\": \"function\", \"function\": {\"name\": …}}.");
        }
        String name = OpenAiFields.text(function, "name", "tool_choice.function.name");
        if (definitions.stream().noneMatch(tool -> tool.name().equals(name))) {
            throw GatewayException.invalidRequest("tool_choice.function.name", "`tool_choice` names the function `"
                    + name + "`, which is not among `tools`.");
        }
        return ToolChoice.named(name);
    }

    /** An assistant message with its {@code tool_calls}, or a tool message with its {@code tool_call_id}. */
    static ChatMessage withToolFields(ChatMessage message, JsonNode node, String path) {
        if ("tool".equals(message.role())) {
            String callId = OpenAiFields.text(node, "tool_call_id", path + ".tool_call_id");
            return ChatMessage.toolResult(callId, message.text());
        }
        JsonNode calls = node.get("tool_calls");
        if (!"assistant".equals(message.role()) || calls == null || calls.isNull()) {
            return message;
        }
        if (!calls.isArray()) {
            throw GatewayException.invalidRequest(path + ".tool_calls", "`" + path + ".tool_calls` must be an array.");
        }
        List<ToolCall> toolCalls = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String callPath = path + ".tool_calls[" + i + "]";
            JsonNode call = calls.get(i);
            JsonNode function = call.path("function");
            if (!call.isObject() || !function.isObject()) {
                throw GatewayException.invalidRequest(callPath, "`" + callPath + "` must be an object with `id` and "
                        + "`function`.");
            }
            toolCalls.add(new ToolCall(OpenAiFields.text(call, "id", callPath + ".id"),
                    OpenAiFields.text(function, "name", callPath + ".function.name"),
                    OpenAiFields.text(function, "arguments", callPath + ".function.arguments")));
        }
        return toolCalls.isEmpty() ? message : ChatMessage.toolCalls(message.text(), toolCalls);
    }
}
