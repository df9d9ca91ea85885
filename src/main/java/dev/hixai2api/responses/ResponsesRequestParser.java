package dev.hixai2api.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Limits;
import dev.hixai2api.core.ResponseFormat;
import dev.hixai2api.openai.OpenAiFields;

/**
 * Reads a Responses API request body, naming the offending field as OpenAI does. Sampling settings
 * ({@code temperature}, {@code top_p}) and {@code reasoning} are accepted and ignored: HixAI takes none. Tools are
 * read by {@link ResponsesToolsParser}, {@code text.format} by {@link TextFormatParser}.
 */
public final class ResponsesRequestParser {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    private final ObjectMapper mapper;

    public ResponsesRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ResponsesRequest parse(byte[] body) {
        JsonNode root = read(body);
        String model = OpenAiFields.optionalText(root, "model", "model");
        if (model == null || model.isBlank()) {
            throw GatewayException.invalidRequest("model", "`model` is required and must be a non-empty string.");
        }
        ResponsesTools tools = new ResponsesToolsParser(mapper).parse(root);
        ResponseFormat format = TextFormatParser.parse(root);
        object(root, "reasoning");
        number(root, "temperature");
        number(root, "top_p");
        String previous = OpenAiFields.optionalText(root, "previous_response_id", "previous_response_id");
        String instructions = OpenAiFields.optionalText(root, "instructions", "instructions");
        Limits limits = new Limits(OpenAiFields.positiveInt(root, "max_output_tokens", "max_output_tokens"), List.of());
        return new ResponsesRequest(model.trim(), instructions, input(root.get("input")),
                OpenAiFields.bool(root, "stream", "stream", false), limits,
                OpenAiFields.bool(root, "store", "store", true), previous, tools, format, echo(root));
    }

    /** What the Response object repeats of the request: as sent, or the API's defaults. */
    private ObjectNode echo(JsonNode root) {
        ObjectNode echo = mapper.createObjectNode();
        JsonNode tools = root.get("tools");
        echo.set("tools", tools == null || tools.isNull() ? mapper.createArrayNode() : tools);
        JsonNode choice = root.get("tool_choice");
        echo.set("tool_choice", choice == null || choice.isNull() ? echo.textNode("auto") : choice);
        echo.put("parallel_tool_calls", OpenAiFields.bool(root, "parallel_tool_calls", "parallel_tool_calls", true));
        ObjectNode text = root.get("text") instanceof ObjectNode sent ? sent.deepCopy() : mapper.createObjectNode();
        if (!text.hasNonNull("format")) {
            text.putObject("format").put("type", "text");
        }
        echo.set("text", text);
        return echo;
    }

    private JsonNode read(byte[] body) {
        return OpenAiFields.object(mapper, body);
    }

    private List<ChatMessage> input(JsonNode input) {
        if (input == null || input.isNull()) {
            throw GatewayException.invalidRequest("input", "`input` is required.");
        }
        if (input.isTextual()) {
            return List.of(new ChatMessage("user", input.asText()));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.invalidRequest("input", "`input` must be a string or a non-empty array of items.");
        }
        List<ChatMessage> messages = new ArrayList<>(input.size());
        ToolItems toolItems = new ToolItems(mapper);
        for (int i = 0; i < input.size(); i++) {
            String path = "input[" + i + "]";
            JsonNode item = input.get(i);
            if (!item.isObject()) {
                throw GatewayException.invalidRequest(path, "`" + path + "` must be an object.");
            }
            String type = item.path("type").asText("message");
            switch (type) {
                case "message" -> messages.add(message(item, path));
                // A client's copy of earlier thinking: HixAI keeps its own, so it is not sent again.
                case "reasoning" -> { }
                case "function_call" -> ToolItems.addCall(messages, toolItems.functionCall(item, path));
                case "custom_tool_call" -> ToolItems.addCall(messages, toolItems.customCall(item, path));
                case "function_call_output", "custom_tool_call_output" -> messages.add(ToolItems.output(item, path));
                default -> throw new GatewayException(ErrorKind.INVALID_REQUEST,
                        "unsupported_input_item", path + ".type", "`" + path + ".type` `" + type
                        + "` is not supported; send `message`, `function_call`, `function_call_output`, "
                        + "`custom_tool_call` or `custom_tool_call_output` items.");
            }
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalidRequest("input", "`input` must contain at least one message.");
        }
        return List.copyOf(messages);
    }

    private static ChatMessage message(JsonNode item, String path) {
        JsonNode role = item.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
            throw GatewayException.invalidRequest(path + ".role",
                    "`" + path + ".role` must be one of user, assistant, system, developer.");
        }
        JsonNode content = item.get("content");
        String contentPath = path + ".content";
        if (content != null && content.isTextual()) {
            return new ChatMessage(role.asText(), content.asText());
        }
        if (content == null || !content.isArray()) {
            throw GatewayException.invalidRequest(contentPath,
                    "`" + contentPath + "` must be a string or an array of content parts.");
        }
        StringBuilder text = new StringBuilder();
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partPath = contentPath + "[" + i + "]";
            String type = part.isObject() ? part.path("type").asText("") : "";
            switch (type) {
                case "input_text", "output_text" -> {
                    String partText = OpenAiFields.text(part, "text", partPath + ".text");
                    text.append(text.isEmpty() ? "" : "\n").append(partText);
                }
                case "input_image" -> attachments.add(image(part, partPath));
                case "input_file" -> attachments.add(file(part, partPath));
                default -> throw new GatewayException(ErrorKind.INVALID_REQUEST,
                        "unsupported_content_part", partPath, "`" + partPath + "` must be an object of type "
                        + "`input_text`, `input_image` or `input_file`.");
            }
        }
        return new ChatMessage(role.asText(), text.toString(), attachments);
    }

    /** {@code image_url} is a URL or a data URI; uploaded files ({@code file_id}) live at OpenAI, not here. */
    private static Attachment image(JsonNode part, String path) {
        refuseFileId(part, path);
        String url = OpenAiFields.text(part, "image_url", path + ".image_url");
        if (url.isBlank()) {
            throw GatewayException.invalidRequest(path + ".image_url", "`" + path + ".image_url` must not be empty.");
        }
        return new Attachment(url.trim(), null);
    }

    private static Attachment file(JsonNode part, String path) {
        refuseFileId(part, path);
        String data = OpenAiFields.text(part, "file_data", path + ".file_data");
        if (!data.regionMatches(true, 0, "data:", 0, 5)) {
            throw GatewayException.invalidRequest(path + ".file_data",
                    "`" + path + ".file_data` must be a data URI (data:<type>;base64,…).");
        }
        JsonNode filename = part.get("filename");
        return new Attachment(data, filename != null && filename.isTextual() ? filename.asText() : null);
    }

    private static void refuseFileId(JsonNode part, String path) {
        if (part.hasNonNull("file_id")) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_file_id",
                    path + ".file_id", "`" + path + ".file_id` is not supported: this gateway has no file store. "
                    + "Send the file inline as a data URI.");
        }
    }

    private static void object(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value != null && !value.isNull() && !value.isObject()) {
            throw GatewayException.invalidRequest(field, "`" + field + "` must be an object.");
        }
    }

    private static void number(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value != null && !value.isNull() && !value.isNumber()) {
            throw GatewayException.invalidRequest(field, "`" + field + "` must be a number.");
        }
    }
}
