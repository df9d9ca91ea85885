package dev.hixai2api.core;

/**
 * A call of a tool, made by the model (in an answer) or earlier in the history (in an assistant turn).
 *
 * @param id        the call's id, which the tool's result names (call_…, toolu_…, fc_… as the door issues them)
 * @param name      the tool called
 * @param arguments the arguments as the JSON text of an object
 */
public record ToolCall(String id, String name, String arguments) {
}
