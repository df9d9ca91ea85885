package dev.hixai2api.conversation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.security.Secrets;

/**
 * Identifies a conversation by everything said in it, so a request continues a stored HixAI chat only when
 * the chat holds exactly the history the client sends. Formatting does not matter: whitespace is collapsed,
 * text parts are joined, and a {@code <think>} block an assistant turn may or may not keep is left out. Tool
 * calls count by name and arguments (key order and spacing aside), tool results by their output: never by ids,
 * which each front door spells its own way.
 */
public final class ConversationKey {

    private static final Pattern THINK_BLOCK = Pattern.compile("(?s)<think>.*?</think>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ConversationKey() {
    }

    /** The key of the history up to the client's last assistant turn; empty when there is none. */
    public static Optional<String> ofHistory(String tenant, List<ChatMessage> messages) {
        int lastAnswer = lastAssistant(messages);
        return lastAnswer < 0 ? Optional.empty() : Optional.of(hash(tenant, messages.subList(0, lastAnswer + 1), null));
    }

    /**
     * The key the conversation has once {@code answer} (an assistant message, with the calls it made) is added to
     * it: what the next turn will send.
     */
    public static String withAnswer(String tenant, List<ChatMessage> messages, ChatMessage answer) {
        return hash(tenant, messages, answer);
    }

    /**
     * The user messages and tool results after the last assistant turn, joined: what a continued chat receives.
     * Null when anything else follows that turn or nothing does.
     *
     * @param messages the history with tool calls and results written out as HixAI reads them
     */
    public static String newTurn(List<ChatMessage> messages) {
        int lastAnswer = lastAssistant(messages);
        if (lastAnswer < 0 || lastAnswer == messages.size() - 1) {
            return null;
        }
        StringBuilder turn = new StringBuilder();
        for (ChatMessage message : messages.subList(lastAnswer + 1, messages.size())) {
            if (!"user".equals(message.role()) && !"tool".equals(message.role())) {
                return null;
            }
            if (!message.text().isBlank()) {
                turn.append(turn.isEmpty() ? "" : "\n\n").append(message.text().strip());
            }
        }
        return turn.isEmpty() ? null : turn.toString();
    }

    private static int lastAssistant(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("assistant".equals(messages.get(i).role())) {
                return i;
            }
        }
        return -1;
    }

    private static String hash(String tenant, List<ChatMessage> messages, ChatMessage answer) {
        StringBuilder text = new StringBuilder(tenant == null ? "" : tenant);
        for (ChatMessage message : messages) {
            append(text, message);
        }
        if (answer != null) {
            append(text, answer);
        }
        return Secrets.sha256Hex(text.toString());
    }

    private static void append(StringBuilder text, ChatMessage message) {
        append(text, message.isSystem() ? "system" : message.role(), message.text());
        for (ToolCall call : message.toolCalls()) {
            text.append('\u0002').append(call.name()).append('\u0001').append(canonical(call.arguments()));
        }
    }

    /** The arguments with keys sorted and no spacing; text that is no JSON as it is, whitespace collapsed. */
    private static String canonical(String arguments) {
        try {
            JsonNode node = CANONICAL.readTree(arguments);
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return WHITESPACE.matcher(String.valueOf(arguments)).replaceAll(" ").strip();
        }
    }

    private static void append(StringBuilder text, String role, String content) {
        String normal = "assistant".equals(role) ? THINK_BLOCK.matcher(content).replaceAll(" ") : content;
        text.append('\u0000').append(role).append('\u0001')
                .append(WHITESPACE.matcher(normal).replaceAll(" ").strip());
    }
}
