package dev.hixai2api.responses;

import java.util.Set;

import dev.hixai2api.core.Tools;

/**
 * The tools of a Responses request as the engine sees them, and what the door must remember to render the calls.
 *
 * @param tools       the functions the model may call: {@code function} tools, and {@code custom} tools emulated as
 *                    functions of one string argument {@code input}
 * @param customNames the names of the {@code custom} tools: their calls are rendered as {@code custom_tool_call}
 *                    items with the raw input
 * @param webSearch   whether a hosted {@code web_search} tool was offered: HixAI's internet search answers it
 */
record ResponsesTools(Tools tools, Set<String> customNames, boolean webSearch) {

    static final ResponsesTools NONE = new ResponsesTools(Tools.NONE, Set.of(), false);

    /** The single argument a {@code custom} tool's emulating function takes. */
    static final String CUSTOM_INPUT = "input";

    ResponsesTools {
        customNames = Set.copyOf(customNames);
    }

    boolean isCustom(String name) {
        return customNames.contains(name);
    }
}
