package dev.hixai2api.tools;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.ToolChoice;
import dev.hixai2api.core.ToolDefinition;
import dev.hixai2api.core.Tools;
import dev.hixai2api.security.Secrets;

/**
 * What the model reads about the tools it may call, since HixAI's web chat has no tool API: the tool list (one JSON
 * line per tool inside {@code <tools>}), the exact call format, and the rules, worded as plain numbered rules, with
 * the one about this answer's {@code tool_choice} last, where chat models weigh it most.
 */
public final class ToolPrompt {

    public static final String OPEN_TAG = "<tool_call>";
    public static final String CLOSE_TAG = "</tool_call>";
    /** The line a model that must not call reads (tool_choice none). */
    static final String NO_CALL = "Do not call any tool in this answer: answer in plain text, without any "
            + OPEN_TAG + " block.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolPrompt() {
    }

    /** The whole instruction with the tool list: for a chat that has not seen these tools. */
    public static String full(Tools tools) {
        if (!tools.callable()) {
            return tools.definitions().isEmpty() ? null : NO_CALL;
        }
        StringBuilder prompt = new StringBuilder("# Tools\n\nYou can call the tools listed below. Each line is one "
                + "tool as JSON: its name, what it does, and the JSON schema of its arguments.\n<tools>\n");
        for (ToolDefinition tool : tools.definitions()) {
            prompt.append(line(tool)).append('\n');
        }
        prompt.append("</tools>\n\nTo call a tool, write a block in exactly this format:\n")
                .append(OPEN_TAG)
                .append("\n{\"name\": \"<tool name>\", \"arguments\": {<the arguments as a JSON object>}}\n")
                .append(CLOSE_TAG).append("\n\nRules:\n")
                .append("1. Use only the tool names listed above. The arguments must match the tool's schema: every "
                        + "required property, the right types, real values taken from the conversation, never "
                        + "placeholders.\n")
                .append("2. ").append(tools.parallel()
                        ? "To call several tools at once, write one block per call, one after the other."
                        : "Call at most one tool per answer: write a single block.").append('\n')
                .append("3. You may write one short sentence before the first block. Write nothing after the last "
                        + "block, and do not put blocks in code fences.\n")
                .append("4. After your blocks, stop. The results come back in the next message as lines "
                        + "\"Tool result (<tool name>, <call id>): <output>\"; then call another tool or answer the "
                        + "user in plain text.\n")
                .append("5. ").append(choice(tools.choice()));
        return prompt.toString();
    }

    /**
     * The short form for a chat that already holds the full instruction for the same tools: models drift from a
     * format stated many turns back, so each new turn repeats the format and this answer's tool_choice.
     */
    public static String reminder(Tools tools) {
        if (!tools.callable()) {
            return tools.definitions().isEmpty() ? null : NO_CALL;
        }
        return "(The tools listed earlier in this chat are still available. To call one, write a " + OPEN_TAG
                + " block with {\"name\": …, \"arguments\": {…}} as described"
                + (tools.parallel() ? "; one block per call" : "; at most one block") + ". " + choice(tools.choice())
                + ")";
    }

    /**
     * A digest of the tool definitions (names, descriptions, schemas, in order): a continued chat gets the whole
     * instruction again only when it changed. Null when none are offered.
     */
    public static String digest(Tools tools) {
        if (tools.definitions().isEmpty()) {
            return null;
        }
        StringBuilder all = new StringBuilder();
        tools.definitions().forEach(tool -> all.append(line(tool)).append('\n'));
        return Secrets.sha256Hex(all.toString());
    }

    /** The corrective turn after an answer whose calls were unusable. */
    public static String correction(List<String> problems) {
        return "Your last answer could not be used as tool calls:\n- " + String.join("\n- ", problems)
                + "\nAnswer again. Write each call as a " + OPEN_TAG
                + " block holding {\"name\": …, \"arguments\": {…}} for a tool listed earlier, with arguments that "
                + "meet that tool's schema, and nothing after the last block.";
    }

    private static String choice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> "Call a tool only when it helps to answer; otherwise answer in plain text without any block.";
            case REQUIRED -> "In this answer you must call at least one tool.";
            case NAMED -> "In this answer you must call the tool \"" + choice.name() + "\".";
            case NONE -> NO_CALL;
        };
    }

    private static String line(ToolDefinition tool) {
        ObjectNode line = JSON.createObjectNode().put("name", tool.name());
        if (!tool.description().isBlank()) {
            line.put("description", tool.description());
        }
        line.set("parameters", tool.parameters());
        return line.toString();
    }

    /** The names offered, for messages naming them. */
    static List<String> names(Tools tools) {
        return tools.definitions().stream().map(ToolDefinition::name).toList();
    }
}
