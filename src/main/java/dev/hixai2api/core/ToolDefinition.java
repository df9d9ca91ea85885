package dev.hixai2api.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function the client offers the model.
 *
 * @param name        what the model calls it by
 * @param description what it does, for the model; "" when the client gave none
 * @param parameters  the JSON schema of its arguments (an object schema); never changed after parsing
 */
public record ToolDefinition(String name, String description, JsonNode parameters) {
}
