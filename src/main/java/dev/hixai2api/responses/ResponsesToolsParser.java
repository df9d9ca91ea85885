package dev.hixai2api.responses;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import dev.hixai2api.openai.OpenAiFields;
import dev.hixai2api.openai.OpenAiToolFields;

/**
 * Reads {@code tools}, {@code tool_choice} and {@code parallel_tool_calls}. HixAI has no tool API: the engine
 * emulates {@code function} tools by prompt; a {@code custom} tool (Codex CLI's freeform {@code apply_patch}) becomes
 * a function of one string argument; a hosted {@code web_search} tool turns on HixAI's internet search. Other hosted
 * tools (file search, computer use, code interpreter, image generation, MCP, local shell…) run at OpenAI or need
 * a client contract the gateway cannot emulate: they are refused naming {@code tools[i].type}.
 */
final class ResponsesToolsParser {

    /** OpenAI's rule for function names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Set<String> WEB_SEARCH = Set.of("web_search", "web_search_preview",
            "web_search_2025_08_26", "web_search_preview_2025_03_11");
    private static final Set<String> MODES = Set.of("none", "auto", "required");
    private static final Set<String> SIZES = Set.of("low", "medium", "high");

    private final ObjectMapper mapper;

    ResponsesToolsParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ResponsesTools parse(JsonNode root) {
        JsonNode tools = root.get("tools");
        boolean parallel = OpenAiFields.bool(root, "parallel_tool_calls", "parallel_tool_calls", true);
        if (tools != null && !tools.isNull() && !tools.isArray()) {
            throw GatewayException.invalidRequest("tools", "`tools` must be an array.");
        }
        List<ToolDefinition> definitions = new ArrayList<>();
        Set<String> custom = new HashSet<>();
        boolean webSearch = false;
        for (int i = 0; tools != null && i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            String type = tool.isObject() ? OpenAiFields.text(tool, "type", path + ".type") : "";
            if ("function".equals(type)) {
                definitions.add(function(tool, path));
            } else if ("custom".equals(type)) {
                ToolDefinition definition = custom(tool, path);
                definitions.add(definition);
                custom.add(definition.name());
            } else if (WEB_SEARCH.contains(type)) {
                webSearch(tool, path);
                webSearch = true;
            } else if (tool.isObject()) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_parameter", path + ".type",
                        "`" + path + ".type` `" + type + "` is not supported: this gateway emulates `function` and "
                        + "`custom` tools by prompt and answers `web_search` with HixAI's internet search; hosted "
                        + "tools that run at OpenAI are not available.");
            } else {
                throw GatewayException.invalidRequest(path, "`" + path + "` must be an object.");
            }
            requireUniqueName(definitions, path);
        }
        ToolChoice choice = choice(root.get("tool_choice"), definitions, custom);
        return new ResponsesTools(new Tools(definitions, choice, parallel), custom, webSearch);
    }

    /** Read as a chat completion's {@code function}; its schema must describe an object (the arguments). */
    private static ToolDefinition function(JsonNode tool, String path) {
        JsonNode type = tool.path("parameters").path("type");
        if (!type.isMissingNode() && !"object".equals(type.asText())) {
            throw GatewayException.invalidRequest(path + ".parameters",
                    "`" + path + ".parameters` must be a JSON schema of an object.");
        }
        // strict asks for arguments that meet the schema: the engine validates every call against it anyway.
        OpenAiFields.bool(tool, "strict", path + ".strict", false);
        return OpenAiToolFields.function(tool, path);
    }

    /** A freeform tool: the model writes its input as the one string argument the grammar (if any) describes. */
    private ToolDefinition custom(JsonNode tool, String path) {
        String name = name(tool, path);
        String description = description(tool, path);
        JsonNode format = tool.get("format");
        String formatPath = path + ".format";
        String input = "The tool's whole input, as free text.";
        if (format != null && !format.isNull()) {
            String type = format.isObject() ? OpenAiFields.text(format, "type", formatPath + ".type") : "";
            if ("grammar".equals(type)) {
                String syntax = OpenAiFields.text(format, "syntax", formatPath + ".syntax");
                String definition = OpenAiFields.text(format, "definition", formatPath + ".definition");
                input = "The tool's whole input; it must follow this " + syntax + " grammar:\n" + definition;
            } else if (!"text".equals(type)) {
                throw GatewayException.invalidRequest(formatPath + ".type",
                        "`" + formatPath + ".type` must be `text` or `grammar`.");
            }
        }
        ObjectNode parameters = mapper.createObjectNode().put("type", "object");
        parameters.putObject("properties").putObject(ResponsesTools.CUSTOM_INPUT).put("type", "string")
                .put("description", input);
        parameters.putArray("required").add(ResponsesTools.CUSTOM_INPUT);
        parameters.put("additionalProperties", false);
        return new ToolDefinition(name, description, parameters);
    }

    /**
     * Live search is all HixAI has: the cached-only mode reads it too, and HixAI sizes the search context itself;
     * filters and a location it cannot honour.
     */
    private static void webSearch(JsonNode tool, String path) {
        for (String unsupported : List.of("filters", "user_location")) {
            if (tool.hasNonNull(unsupported)) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_parameter",
                        path + "." + unsupported, "`" + path + "." + unsupported + "` is not supported: HixAI's "
                        + "internet search takes no domain filters and no location.");
            }
        }
        OpenAiFields.bool(tool, "external_web_access", path + ".external_web_access", true);
        String size = OpenAiFields.optionalText(tool, "search_context_size", path + ".search_context_size");
        if (size != null && !SIZES.contains(size)) {
            throw GatewayException.invalidRequest(path + ".search_context_size",
                    "`" + path + ".search_context_size` must be `low`, `medium` or `high`.");
        }
    }

    private static String name(JsonNode tool, String path) {
        String name = OpenAiFields.text(tool, "name", path + ".name");
        if (!NAME.matcher(name).matches()) {
            throw GatewayException.invalidRequest(path + ".name", "`" + path + ".name` must be 1 to 64 letters, "
                    + "digits, underscores or dashes.");
        }
        return name;
    }

    private static String description(JsonNode tool, String path) {
        String description = OpenAiFields.optionalText(tool, "description", path + ".description");
        return description == null ? "" : description;
    }

    private static void requireUniqueName(List<ToolDefinition> definitions, String path) {
        if (definitions.stream().map(ToolDefinition::name).distinct().count() < definitions.size()) {
            throw GatewayException.invalidRequest(path + ".name", "`" + path + ".name` names a tool offered before; "
                    + "tool names must be unique.");
        }
    }

    private static ToolChoice choice(JsonNode choice, List<ToolDefinition> definitions, Set<String> custom) {
        if (choice == null || choice.isNull()) {
            return ToolChoice.AUTO;
        }
        if (choice.isTextual() && MODES.contains(choice.asText())) {
            if ("required".equals(choice.asText()) && definitions.isEmpty()) {
                throw GatewayException.invalidRequest("tool_choice",
                        "`tool_choice` `required` needs at least one `function` or `custom` tool in `tools`.");
            }
            return switch (choice.asText()) {
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> ToolChoice.AUTO;
            };
        }
        String type = choice.isObject() ? choice.path("type").asText("") : "";
        if (!"function".equals(type) && !"custom".equals(type)) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_parameter", "tool_choice",
                    "`tool_choice` must be `none`, `auto`, `required`, or an object naming a tool: "
                    + "{\"type\":\"function\",\"name\":…} or {\"type\":\"custom\",\"name\":…}.");
        }
        String name = OpenAiFields.text(choice, "name", "tool_choice.name");
        boolean offered = definitions.stream().anyMatch(d -> d.name().equals(name))
                && custom.contains(name) == "custom".equals(type);
        if (!offered) {
            throw GatewayException.invalidRequest("tool_choice.name",
                    "`tool_choice.name` names no `" + type + "` tool of `tools`: `" + name + "`.");
        }
        return ToolChoice.named(name);
    }
}
