package dev.hixai2api.hix;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HixAI protocol without transport: the bodies of its calls, the reading of its answers and the
 * classification of its failures (hix-protocol.md). Pure: unit tests call it without Camel or HTTP.
 */
public final class HixAdaptor {

    public static final String SESSION_COOKIE = "__Secure-next-auth.session-token";

    /** tRPC input of the combined bot-list, subscription-log and usage query. */
    public static final String USAGE_QUERY = "batch=1&input=" + URLEncoder.encode(
            "{\"0\":{\"json\":{\"limit\":1000}},\"1\":{\"json\":null,\"meta\":{\"values\":[\"undefined\"]}},"
                    + "\"2\":{\"json\":{\"appName\":\"HIXChat\"}}}", StandardCharsets.UTF_8);

    private static final int TRPC_UNAUTHORIZED = -32001;
    private static final int TRPC_FORBIDDEN = -32003;

    private final ObjectMapper mapper;

    public HixAdaptor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---- request mapping

    public String createChatBody(int botId) {
        ObjectNode input = mapper.createObjectNode().put("title", "Untitled").put("botId", botId);
        return trpcBatch(input);
    }

    public String deleteChatBody(String chatId) {
        return trpcBatch(mapper.createObjectNode().put("id", chatId));
    }

    public String chatBody(String chatId, String question, String fileUrl, String searchType) {
        ObjectNode body = mapper.createObjectNode()
                .put("chatId", chatId)
                .put("fileUrl", fileUrl == null ? "" : fileUrl)
                .put("question", question);
        if (searchType != null) {
            body.put("search", true).put("searchType", searchType);
        }
        return write(body);
    }

    /** Upload names are the time of the upload plus the extension of the recognised kind. */
    public String signBody(String filename) {
        return write(mapper.createObjectNode().put("filename", filename).put("type", "file"));
    }

    // ---- answers

    /** The presigned PUT URL of an upload, or the failure the sign call reported. */
    public String signedUrl(int status, String contentType, String body) {
        JsonNode json = status == 200 ? parseJson(body) : null;
        JsonNode sign = json == null ? null : json.get("sign");
        if (sign == null || !sign.isTextual() || !sign.asText().startsWith("http")) {
            throw status == 200 && json != null
                    ? new HixFailureException(FailureClass.TRANSIENT, "the upload sign call answered no URL")
                    : classify(status, null, contentType, body);
        }
        return sign.asText();
    }

    /** What the chat's fileUrl is: the presigned URL without its query string. */
    public static String fileUrl(String presignedUrl) {
        int query = presignedUrl.indexOf('?');
        return query < 0 ? presignedUrl : presignedUrl.substring(0, query);
    }

    /** The id of the chat createChat opened, or the failure it reported. */
    public String chatId(int status, String contentType, String body) {
        JsonNode data = trpcData(status, contentType, body, 0);
        JsonNode id = data.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new HixFailureException(FailureClass.TRANSIENT, "createChat answered without a chat id");
        }
        return id.asText();
    }

    /** Standard and advanced credit from the usage call; an account HixAI won't describe is unusable. */
    public Credits credits(int status, String contentType, String body) {
        JsonNode usage;
        try {
            usage = trpcData(status, contentType, body, 2);
        } catch (HixFailureException e) {
            if (e.failureClass() == FailureClass.TRANSIENT && status == 200 && parseJson(body) != null) {
                throw new HixFailureException(FailureClass.DEAD_SESSION, "HixAI does not describe this account's usage");
            }
            throw e;
        }
        JsonNode list = usage.get("usageList");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new HixFailureException(FailureClass.DEAD_SESSION, "HixAI reports no usage for this account");
        }
        boolean activeSub = usage.path("isActiveSub").asBoolean(false);
        int standard = remaining(list.get(0));
        int advanced = activeSub && list.size() > 1 ? remaining(list.get(1)) : 0;
        return new Credits(standard, advanced, activeSub);
    }

    /** Checks a deleteChat answer; only success or failure matters. */
    public void deleted(int status, String contentType, String body) {
        trpcData(status, contentType, body, 0);
    }

    /**
     * Reads one SSE data payload of a chat answer. Streamed field by field rather than into a tree: this runs for
     * every event of every answer.
     */
    public HixEvent event(String data) {
        String payload = data.trim();
        if (payload.equals("[DONE]")) {
            return HixEvent.DONE;
        }
        String reasoning = null;
        String content = null;
        boolean thinkingTime = false;
        boolean statusOrMessage = false;
        try (JsonParser parser = mapper.getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return HixEvent.IGNORED;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "reasoning_content" -> reasoning = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "content" -> content = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "thinking_time" -> thinkingTime = true;
                    case "status", "message" -> statusOrMessage = true;
                    default -> { }
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            return HixEvent.IGNORED;
        }
        if (reasoning != null) {
            return new HixEvent.Reasoning(reasoning);
        }
        if (content != null) {
            return new HixEvent.Content(content);
        }
        if (thinkingTime) {
            return HixEvent.THINKING_DONE;
        }
        if (statusOrMessage && isNotLogin(parseJson(payload))) {
            throw new HixFailureException(FailureClass.DEAD_SESSION, "HixAI says the session is not logged in");
        }
        return HixEvent.IGNORED;
    }

    // ---- failure classification

    /**
     * Classifies an answer that is not the success expected of it.
     *
     * @param status       HTTP status
     * @param cfMitigated  the {@code cf-mitigated} header, if any
     * @param contentType  the Content-Type header, if any
     * @param body         the start of the body (a few KB are enough)
     */
    public HixFailureException classify(int status, String cfMitigated, String contentType, String body) {
        String text = body == null ? "" : body;
        if ("challenge".equalsIgnoreCase(cfMitigated) || text.contains("_cf_chl_opt")
                || text.contains("cdn-cgi/challenge-platform") || text.contains("<title>Just a moment...</title>")) {
            return new HixFailureException(FailureClass.CLOUDFLARE,
                    "Cloudflare challenged the gateway's address (HTTP " + status + ")");
        }
        JsonNode json = parseJson(text);
        if (text.contains("Sorry, you have been blocked") || (status == 403 && json == null)) {
            return new HixFailureException(FailureClass.CLOUDFLARE,
                    "HixAI or Cloudflare blocked the gateway's address (HTTP " + status + ", Forbidden)");
        }
        if (status == 401 || (json != null && (isNotLogin(json) || trpcCode(json) == TRPC_UNAUTHORIZED))) {
            return new HixFailureException(FailureClass.DEAD_SESSION, "HixAI says the session is not logged in");
        }
        if (status == 403 || json != null && trpcCode(json) == TRPC_FORBIDDEN) {
            return new HixFailureException(FailureClass.NO_CREDIT,
                    "HixAI refused the account: " + errorMessage(json, "credit used up or access refused"));
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new HixFailureException(FailureClass.TRANSIENT, "HixAI answered HTTP " + status);
        }
        if (status >= 400) {
            return new HixFailureException(FailureClass.REJECTED,
                    "HixAI rejected the request (HTTP " + status + "): " + errorMessage(json, "no reason given"));
        }
        if (isHtml(contentType, text)) {
            return new HixFailureException(FailureClass.TRANSIENT, "HixAI answered an HTML page where data was expected");
        }
        return new HixFailureException(FailureClass.TRANSIENT, "HixAI answered something unexpected (HTTP " + status + ")");
    }

    // ---- tRPC envelope

    private String trpcBatch(ObjectNode input) {
        ObjectNode batch = mapper.createObjectNode();
        batch.putObject("0").set("json", input);
        return write(batch);
    }

    /** The {@code json} output of element {@code index} of a tRPC batch answer, or the failure it holds. */
    private JsonNode trpcData(int status, String contentType, String body, int index) {
        JsonNode root = status == 200 || status == 207 ? parseJson(body) : null;
        JsonNode element = root != null && root.isArray() && root.size() > index ? root.get(index) : null;
        JsonNode data = element == null ? null : element.path("result").path("data").get("json");
        if (data == null || data.isMissingNode() || element.has("error")) {
            throw classify(status == 207 && element != null && element.has("error")
                            ? element.path("error").path("json").path("data").path("httpStatus").asInt(403)
                            : status, null, contentType, element != null ? element.toString() : body);
        }
        return data;
    }

    private static int remaining(JsonNode entry) {
        return Math.max(0, entry.path("total_count").asInt(0) - entry.path("use_count").asInt(0));
    }

    private static boolean isNotLogin(JsonNode json) {
        return json.path("status").asInt(0) == -5 || "not login".equalsIgnoreCase(json.path("message").asText(""));
    }

    /** The tRPC error code of an error element or of the first element of a batch of them. */
    private static int trpcCode(JsonNode json) {
        JsonNode element = json.isArray() && !json.isEmpty() ? json.get(0) : json;
        return element.path("error").path("json").path("code").asInt(0);
    }

    private static String errorMessage(JsonNode json, String fallback) {
        if (json == null) {
            return fallback;
        }
        JsonNode element = json.isArray() && !json.isEmpty() ? json.get(0) : json;
        String message = element.path("error").path("json").path("message").asText("");
        if (message.isEmpty()) {
            message = element.path("message").asText("");
        }
        return message.isEmpty() ? fallback : message;
    }

    private static boolean isHtml(String contentType, String body) {
        return (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/html"))
                || body.stripLeading().regionMatches(true, 0, "<!doctype html", 0, 14)
                || body.stripLeading().regionMatches(true, 0, "<html", 0, 5);
    }

    private JsonNode parseJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
