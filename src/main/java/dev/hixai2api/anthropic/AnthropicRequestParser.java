package dev.hixai2api.anthropic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ReasoningStyle;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.Tools;

/**
 * Reads an Anthropic Messages request ({@code POST /v1/messages} or its {@code count_tokens}) into the canonical
 * request, validating it as Anthropic does: the offending field is named by its dotted path
 * ({@code messages.1.content.0.source}) and a field the API does not know is refused ("Extra inputs are not
 * permitted"), while documented fields the gateway cannot honour are accepted and ignored.
 */
final class AnthropicRequestParser {

    /**
     * Documented fields read elsewhere (output_format, output_config, mcp_servers, container) or ignored: sampling,
     * metadata, thinking budget, service options, context management.
     */
    private static final Set<String> IGNORED_FIELDS = Set.of("temperature", "top_p", "top_k", "metadata",
            "thinking", "service_tier", "container", "mcp_servers", "context_management", "output_config",
            "output_format", "inference_geo");
    private static final Set<String> READ_FIELDS = Set.of("model", "messages", "system", "max_tokens",
            "stop_sequences", "stream", "tools", "tool_choice");
    /** count_tokens takes what the request would send, without the answer's settings. */
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "thinking", "tools",
            "tool_choice", "mcp_servers", "context_management", "output_config", "output_format");
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");
    /** The blocks of Anthropic's server tools, which run on its side. */
    private static final Set<String> SERVER_TOOL_BLOCKS = Set.of("server_tool_use",
            "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result",
            "bash_code_execution_tool_result", "text_editor_code_execution_tool_result", "mcp_tool_use",
            "mcp_tool_result", "container_upload", "search_result");

    private final ObjectMapper mapper;

    AnthropicRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A {@code POST /v1/messages} body. */
    ChatRequest parseMessages(byte[] body) {
        JsonNode root = object(body);
        requireKnown(root, false);
        String model = model(root);
        int maxTokens = maxTokens(root.get("max_tokens"));
        List<ChatMessage> messages = conversation(root);
        Limits limits = new Limits(maxTokens, stopSequences(root.get("stop_sequences")));
        refuseServerSide(root);
        return new ChatRequest(model, messages, bool(root.get("stream"), "stream"), limits, ReasoningStyle.BLOCKS)
                .withTools(tools(root)).withFormat(AnthropicOutputFormat.read(root));
    }

    /** A {@code POST /v1/messages/count_tokens} body: the conversation only, never streamed, no limits. */
    ChatRequest parseCount(byte[] body) {
        JsonNode root = object(body);
        requireKnown(root, true);
        refuseServerSide(root);
        return new ChatRequest(model(root), conversation(root), false, Limits.NONE, ReasoningStyle.BLOCKS)
                .withTools(tools(root)).withFormat(AnthropicOutputFormat.read(root));
    }

    /** MCP servers and a code-execution container run on Anthropic's side: nothing here can run them. */
    private static void refuseServerSide(JsonNode root) {
        JsonNode mcp = root.get("mcp_servers");
        if (mcp != null && !mcp.isNull() && !(mcp.isArray() && mcp.isEmpty())) {
            throw invalid("mcp_servers", "mcp_servers: MCP servers are not supported by this gateway (HixAI's web "
                    + "chat runs no tools); offer their tools as custom `tools` the client runs");
        }
        JsonNode container = root.get("container");
        if (container != null && !container.isNull()) {
            throw invalid("container", "container: code execution containers are not supported by this gateway");
        }
    }

    private static Tools tools(JsonNode root) {
        return AnthropicToolsParser.parse(root.get("tools"), root.get("tool_choice"));
    }

    private JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid(null, "The request body is empty; send a JSON object.");
        }
        JsonNode root;
        try {
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid(null, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(null, "The request body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw invalid(null, "The request body must be a JSON object.");
        }
        return root;
    }

    private static void requireKnown(JsonNode root, boolean count) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            boolean known = count ? COUNT_FIELDS.contains(name)
                    : READ_FIELDS.contains(name) || IGNORED_FIELDS.contains(name);
            if (!known) {
                throw invalid(name, name + ": Extra inputs are not permitted");
            }
        }
    }

    private static String model(JsonNode root) {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw invalid("model", "model: Field required");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("model", "model: must be a non-empty string");
        }
        return model.asText().trim();
    }

    private static int maxTokens(JsonNode node) {
        if (node == null || node.isNull()) {
            throw invalid("max_tokens", "max_tokens: Field required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw invalid("max_tokens", "max_tokens: must be a positive integer");
        }
        return node.intValue();
    }

    /** {@code system} first as one "system" message, then the turns. */
    private static List<ChatMessage> conversation(JsonNode root) {
        List<ChatMessage> messages = new ArrayList<>();
        String system = system(root.get("system"));
        if (!system.isBlank()) {
            messages.add(new ChatMessage("system", system));
        }
        JsonNode turns = root.get("messages");
        if (turns == null || turns.isNull()) {
            throw invalid("messages", "messages: Field required");
        }
        if (!turns.isArray()) {
            throw invalid("messages", "messages: must be an array of messages");
        }
        if (turns.isEmpty()) {
            throw invalid("messages", "messages: at least one message is required");
        }
        Set<String> callIds = Set.of();
        for (int i = 0; i < turns.size(); i++) {
            List<ChatMessage> turn = message(turns.get(i), "messages." + i, i == turns.size() - 1, callIds);
            messages.addAll(turn);
            callIds = turn.stream().flatMap(m -> m.toolCalls().stream()).map(ToolCall::id).collect(Collectors.toSet());
        }
        return messages;
    }

    private static String system(JsonNode system) {
        if (system == null || system.isNull()) {
            return "";
        }
        if (system.isTextual()) {
            return system.asText();
        }
        if (!system.isArray()) {
            throw invalid("system", "system: must be a string or an array of text blocks");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            String path = "system." + i;
            if (!"text".equals(type(block, path))) {
                throw invalid(path + ".type", path + ".type: system blocks must be of type text");
            }
            texts.add(string(block, "text", path));
        }
        return String.join("\n", texts);
    }

    /**
     * One turn: an assistant's text and tool_use blocks become one message with its calls; a user's tool_result
     * blocks become one tool message each, in order, then the user's own text (if any) after them.
     *
     * @param callIds the calls of the turn before, which tool_result blocks answer
     */
    private static List<ChatMessage> message(JsonNode node, String path, boolean last, Set<String> callIds) {
        if (!node.isObject()) {
            throw invalid(path, path + ": must be an object with role and content");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MESSAGE_FIELDS.contains(name)) {
                throw invalid(path + "." + name, path + "." + name + ": Extra inputs are not permitted");
            }
        }
        JsonNode role = node.get("role");
        if (role == null || !role.isTextual() || !Set.of("user", "assistant").contains(role.asText())) {
            String hint = role != null && "system".equals(role.asText())
                    ? " (put the system prompt in the top-level system field)" : "";
            throw invalid(path + ".role", path + ".role: must be user or assistant" + hint);
        }
        List<ChatMessage> turn = content(role.asText(), node.get("content"), path + ".content", callIds);
        // Anthropic lets only a final assistant message (a prefill) be empty
        if (turn.stream().allMatch(AnthropicRequestParser::isEmpty) && !(last && "assistant".equals(role.asText()))) {
            throw invalid(path + ".content", path + ".content: all messages must have non-empty content "
                    + "except for the optional final assistant message");
        }
        return turn;
    }

    private static boolean isEmpty(ChatMessage message) {
        return message.text().isBlank() && message.attachments().isEmpty() && message.toolCalls().isEmpty()
                && message.toolCallId() == null;
    }

    private static List<ChatMessage> content(String role, JsonNode content, String path, Set<String> callIds) {
        if (content == null || content.isNull()) {
            throw invalid(path, path + ": Field required");
        }
        if (content.isTextual()) {
            return List.of(new ChatMessage(role, content.asText()));
        }
        if (!content.isArray()) {
            throw invalid(path, path + ": must be a string or an array of content blocks");
        }
        List<ChatMessage> results = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String blockPath = path + "." + i;
            String type = type(block, blockPath);
            switch (type) {
                case "text" -> texts.add(string(block, "text", blockPath));
                case "image", "document" -> attachments.add(attachment(type, block, blockPath));
                // the thinking of an earlier answer is not part of what was said
                case "thinking", "redacted_thinking" -> requireRole("assistant", role, type, blockPath);
                case "tool_use" -> {
                    requireRole("assistant", role, type, blockPath);
                    calls.add(toolUse(block, blockPath));
                }
                case "tool_result" -> {
                    requireRole("user", role, type, blockPath);
                    results.add(toolResult(block, blockPath, callIds, attachments));
                }
                default -> {
                    if (SERVER_TOOL_BLOCKS.contains(type)) {
                        throw invalid(blockPath + ".type", blockPath + ".type: " + type + " blocks belong to "
                                + "Anthropic's server tools, which this gateway does not run; it runs custom tools "
                                + "(tool_use and tool_result blocks)");
                    }
                    throw invalid(blockPath + ".type", blockPath + ".type: unknown content block type " + type
                            + "; send text, image, document, tool_use or tool_result blocks");
                }
            }
        }
        String text = String.join("\n", texts);
        if (!calls.isEmpty()) {
            return List.of(new ChatMessage(role, text, attachments, calls, null));
        }
        // the user's own words come after the results they comment on
        if (results.isEmpty() || !text.isBlank() || !attachments.isEmpty()) {
            results.add(new ChatMessage(role, text, attachments));
        }
        return results;
    }

    private static void requireRole(String expected, String role, String type, String path) {
        if (!expected.equals(role)) {
            throw invalid(path + ".type", path + ".type: " + type + " blocks belong to " + expected + " messages");
        }
    }

    private static Attachment attachment(String type, JsonNode block, String path) {
        return "image".equals(type) ? image(block.get("source"), path + ".source") : document(block, path);
    }

    /** A call of an earlier answer: its input object becomes the arguments' JSON text, its id kept as sent. */
    private static ToolCall toolUse(JsonNode block, String path) {
        String id = string(block, "id", path);
        String name = string(block, "name", path);
        JsonNode input = block.get("input");
        if (input == null || !input.isObject()) {
            throw invalid(path + ".input", path + ".input: must be an object (the tool's arguments)");
        }
        return new ToolCall(id, name, input.toString());
    }

    /**
     * The output of a call of the turn before: its text (a string, or text blocks joined), said to be an error
     * when is_error; images and documents in it go with the user's turn as its files.
     */
    private static ChatMessage toolResult(JsonNode block, String path, Set<String> callIds,
                                          List<Attachment> attachments) {
        String id = string(block, "tool_use_id", path);
        if (!callIds.contains(id)) {
            throw invalid(path + ".tool_use_id", path + ".tool_use_id: unexpected tool_use_id " + id + ": each "
                    + "tool_result must answer a tool_use block of the assistant message right before it");
        }
        JsonNode content = block.get("content");
        String contentPath = path + ".content";
        List<String> texts = new ArrayList<>();
        if (content != null && content.isTextual()) {
            texts.add(content.asText());
        } else if (content != null && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                String partPath = contentPath + "." + i;
                String type = type(part, partPath);
                switch (type) {
                    case "text" -> texts.add(string(part, "text", partPath));
                    case "image", "document" -> attachments.add(attachment(type, part, partPath));
                    default -> throw invalid(partPath + ".type", partPath + ".type: a tool result holds text, "
                            + "image or document blocks, not " + type);
                }
            }
        } else if (content != null && !content.isNull()) {
            throw invalid(contentPath, contentPath + ": must be a string or an array of content blocks");
        }
        String output = String.join("\n", texts);
        boolean error = bool(block.get("is_error"), path + ".is_error");
        return ChatMessage.toolResult(id, error ? "Error: " + output : output);
    }

    /** {@code source: {type: base64, media_type, data}} or {@code {type: url, url}}. */
    private static Attachment image(JsonNode source, String path) {
        return switch (sourceType(source, path)) {
            case "base64" -> new Attachment(dataUri(string(source, "media_type", path), base64(source, path)), null);
            case "url" -> new Attachment(url(source, path), null);
            default -> throw unsupportedSource(source, path, "base64 or url");
        };
    }

    /** A PDF as base64 or URL, or plain text; the title, if any, names the file. */
    private static Attachment document(JsonNode block, String path) {
        JsonNode source = block.get("source");
        String sourcePath = path + ".source";
        JsonNode title = block.get("title");
        String filename = title != null && title.isTextual() ? title.asText() : null;
        return switch (sourceType(source, sourcePath)) {
            case "base64" -> new Attachment(dataUri(string(source, "media_type", sourcePath), base64(source, sourcePath)),
                    filename);
            case "text" -> new Attachment(dataUri("text/plain",
                    Base64.getEncoder().encodeToString(string(source, "data", sourcePath).getBytes(StandardCharsets.UTF_8))),
                    filename);
            case "url" -> new Attachment(url(source, sourcePath), filename);
            default -> throw unsupportedSource(source, sourcePath, "base64, text or url");
        };
    }

    private static String sourceType(JsonNode source, String path) {
        if (source == null || !source.isObject()) {
            throw invalid(path, path + ": Field required (an object with a type)");
        }
        return string(source, "type", path);
    }

    private static GatewayException unsupportedSource(JsonNode source, String path, String supported) {
        return invalid(path + ".type", path + ".type: sources of type " + source.get("type").asText()
                + " are not supported; send " + supported);
    }

    private static String base64(JsonNode source, String path) {
        String data = string(source, "data", path);
        if (!isBase64(data)) {
            throw invalid(path + ".data", path + ".data: is not valid base64");
        }
        return data;
    }

    /** Checked in place: decoding a file of many megabytes only to check it would copy it. */
    private static boolean isBase64(String data) {
        int padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
        if (data.isEmpty() || data.length() % 4 != 0) {
            return false;
        }
        for (int i = 0; i < data.length() - padding; i++) {
            char c = data.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static String url(JsonNode source, String path) {
        String url = string(source, "url", path).trim();
        if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
            throw invalid(path + ".url", path + ".url: must be an http or https URL");
        }
        return url;
    }

    private static String dataUri(String mediaType, String base64) {
        return "data:" + mediaType + ";base64," + base64;
    }

    private static List<String> stopSequences(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("stop_sequences", "stop_sequences: must be an array of strings");
        }
        List<String> sequences = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode sequence = node.get(i);
            if (!sequence.isTextual() || sequence.asText().isBlank()) {
                throw invalid("stop_sequences", "stop_sequences." + i + ": must be a non-empty string");
            }
            sequences.add(sequence.asText());
        }
        return sequences;
    }

    private static boolean bool(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(path, path + ": must be a boolean");
        }
        return node.booleanValue();
    }

    private static String type(JsonNode block, String path) {
        if (!block.isObject()) {
            throw invalid(path, path + ": must be an object with a type");
        }
        return string(block, "type", path);
    }

    private static String string(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw invalid(path + "." + field, path + "." + field + ": Field required");
        }
        if (!value.isTextual()) {
            throw invalid(path + "." + field, path + "." + field + ": must be a string");
        }
        return value.asText();
    }

    private static GatewayException invalid(String param, String message) {
        return GatewayException.invalidRequest(param, message);
    }
}
