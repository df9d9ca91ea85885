package dev.hixai2api.core;

import java.util.List;

/**
 * The tools a request offers.
 *
 * @param definitions the functions, in the client's order; empty when it offers none
 * @param parallel    whether one answer may hold several calls (OpenAI's parallel_tool_calls, Anthropic's
 *                    disable_parallel_tool_use negated)
 */
public record Tools(List<ToolDefinition> definitions, ToolChoice choice, boolean parallel) {

    public static final Tools NONE = new Tools(List.of(), ToolChoice.AUTO, true);

    public Tools {
        definitions = List.copyOf(definitions);
    }

    /** Whether the model may call a tool in this answer. */
    public boolean callable() {
        return !definitions.isEmpty() && choice.mode() != ToolChoice.Mode.NONE;
    }
}
