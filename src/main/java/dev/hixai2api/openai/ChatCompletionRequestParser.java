package dev.hixai2api.openai;

import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and validates a chat completion request body, naming the offending field as OpenAI does. */
public final class ChatCompletionRequestParser {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private final ObjectMapper mapper;

    public ChatCompletionRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ChatCompletionRequest parse(byte[] body) {
        JsonNode root = OpenAiFields.object(mapper, body);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw GatewayException.invalidRequest("model", "`model` is required and must be a non-empty string.");
        }
        return new ChatCompletionRequest(model.asText().trim(), messages(root.get("messages")),
                OpenAiFields.bool(root, "stream", "stream", false), includeUsage(root.get("stream_options")),
                ChatCompletionOptions.read(root), OpenAiToolFields.tools(root));
    }

    /** PRE_MESSAGES_JSON: a JSON array of messages, checked at start-up like a request's. */
    public List<ChatMessage> preMessages(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return messages(mapper.readTree(json));
        } catch (JsonProcessingException | GatewayException e) {
            throw new IllegalArgumentException("PRE_MESSAGES_JSON is not a valid JSON array of messages: "
                    + e.getMessage(), e);
        }
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (node == null || node.isNull()) {
            throw GatewayException.invalidRequest("messages", "`messages` is required.");
        }
        if (!node.isArray()) {
            throw GatewayException.invalidRequest("messages", "`messages` must be an array of message objects.");
        }
        if (node.isEmpty()) {
            throw GatewayException.invalidRequest("messages", "`messages` must contain at least one message.");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return List.copyOf(messages);
    }

    private static ChatMessage message(JsonNode node, String path) {
        if (!node.isObject()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be an object with `role` and `content`.");
        }
        JsonNode role = node.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
            throw GatewayException.invalidRequest(path + ".role",
                    "`" + path + ".role` must be one of system, developer, user, assistant, tool.");
        }
        return OpenAiToolFields.withToolFields(content(role.asText(), node.get("content"), path + ".content"), node,
                path);
    }

    private static ChatMessage content(String role, JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return new ChatMessage(role, "");
        }
        if (content.isTextual()) {
            return new ChatMessage(role, content.asText());
        }
        if (!content.isArray()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be a string or an array of content parts.");
        }
        StringBuilder text = new StringBuilder();
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partPath = path + "[" + i + "]";
            JsonNode type = part.get("type");
            if (!part.isObject() || type == null || !type.isTextual()) {
                throw GatewayException.invalidRequest(partPath, "`" + partPath + "` must be an object with a `type`.");
            }
            switch (type.asText()) {
                case "text" -> {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(OpenAiFields.text(part, "text", partPath + ".text"));
                }
                case "image_url" -> attachments.add(imageUrl(part.get("image_url"), partPath + ".image_url"));
                case "file" -> attachments.add(file(part.get("file"), partPath + ".file"));
                default -> throw new GatewayException(ErrorKind.INVALID_REQUEST, "unsupported_content_part", partPath,
                        "Content parts of type `" + type.asText() + "` are not supported; send `text`, `image_url` "
                                + "or `file` parts.");
            }
        }
        return new ChatMessage(role, text.toString(), List.copyOf(attachments));
    }

    /** {@code "image_url": {"url": …}}, or the URL string itself as some clients send it. */
    private static Attachment imageUrl(JsonNode imageUrl, String path) {
        if (imageUrl != null && imageUrl.isTextual()) {
            return new Attachment(nonBlank(imageUrl.asText(), path), null);
        }
        if (imageUrl == null || !imageUrl.isObject()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be an object with a `url`.");
        }
        return new Attachment(nonBlank(OpenAiFields.text(imageUrl, "url", path + ".url"), path + ".url"), null);
    }

    /** {@code "file": {"file_data": "data:…", "filename": …}}. */
    private static Attachment file(JsonNode file, String path) {
        if (file == null || !file.isObject()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must be an object with `file_data`.");
        }
        String data = OpenAiFields.text(file, "file_data", path + ".file_data");
        if (!data.regionMatches(true, 0, "data:", 0, 5)) {
            throw GatewayException.invalidRequest(path + ".file_data",
                    "`" + path + ".file_data` must be a data URI (data:<type>;base64,…).");
        }
        JsonNode filename = file.get("filename");
        return new Attachment(data, filename != null && filename.isTextual() ? filename.asText() : null);
    }

    private static String nonBlank(String value, String path) {
        if (value.isBlank()) {
            throw GatewayException.invalidRequest(path, "`" + path + "` must not be empty.");
        }
        return value.trim();
    }

    private static boolean includeUsage(JsonNode options) {
        if (options == null || options.isNull()) {
            return false;
        }
        if (!options.isObject()) {
            throw GatewayException.invalidRequest("stream_options", "`stream_options` must be an object.");
        }
        return OpenAiFields.bool(options, "include_usage", "stream_options.include_usage", false);
    }
}
