package dev.hixai2api.responses;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.GatewayException;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.Usage;

/**
 * The Response object of one answer and its output items, as the Responses API shapes them. Fields the gateway
 * does not honour are present with the API's neutral values, so strict client models find every key.
 *
 * @param createdAt epoch seconds
 */
record ResponseShape(ObjectMapper mapper, String id, long createdAt, ResponsesRequest request) {

    static final String COMPLETED = "completed";
    static final String INCOMPLETE = "incomplete";
    static final String IN_PROGRESS = "in_progress";

    static ResponseShape of(ObjectMapper mapper, ResponsesRequest request) {
        return new ResponseShape(mapper, newId("resp_"), System.currentTimeMillis() / 1000, request);
    }

    /** Unique without coordination between instances; not secret (a GET checks the tenant), so not SecureRandom. */
    static String newId(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return prefix + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** The response with {@code status}; usage null until the answer ended. */
    ObjectNode response(String status, ArrayNode output, Usage usage) {
        ObjectNode response = mapper.createObjectNode();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", status);
        response.putNull("error");
        if (INCOMPLETE.equals(status)) {
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            response.putNull("incomplete_details");
        }
        response.put("instructions", request.instructions());
        response.put("max_output_tokens", request.limits().maxOutputTokens());
        response.put("model", request.model());
        response.set("output", output);
        response.set("parallel_tool_calls", request.echo().get("parallel_tool_calls"));
        response.put("previous_response_id", request.previousResponseId());
        ObjectNode reasoning = response.putObject("reasoning");
        reasoning.putNull("effort");
        reasoning.putNull("summary");
        response.put("store", request.store());
        response.putNull("temperature");
        response.set("text", request.echo().get("text").deepCopy());
        response.set("tool_choice", request.echo().get("tool_choice").deepCopy());
        response.set("tools", request.echo().get("tools").deepCopy());
        response.putNull("top_p");
        response.put("truncation", "disabled");
        if (usage == null) {
            response.putNull("usage");
        } else {
            ObjectNode node = response.putObject("usage");
            node.put("input_tokens", usage.inputTokens());
            node.putObject("input_tokens_details").put("cached_tokens", 0);
            node.put("output_tokens", usage.outputTokens());
            node.putObject("output_tokens_details").put("reasoning_tokens", 0);
            node.put("total_tokens", usage.totalTokens());
        }
        response.putNull("user");
        response.putObject("metadata");
        return response;
    }

    /** The response a stream ends with when HixAI broke off. */
    ObjectNode failed(ArrayNode output, GatewayException error) {
        ObjectNode response = response("failed", output, null);
        ObjectNode detail = response.putObject("error");
        detail.put("code", error.code());
        detail.put("message", error.getMessage());
        return response;
    }

    ObjectNode reasoningItem(String itemId, String summary) {
        ObjectNode item = mapper.createObjectNode();
        item.put("id", itemId);
        item.put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (summary != null) {
            parts.add(summaryPart(summary));
        }
        return item;
    }

    ObjectNode summaryPart(String text) {
        return mapper.createObjectNode().put("type", "summary_text").put("text", text);
    }

    ObjectNode messageItem(String itemId, String status, String text) {
        ObjectNode item = mapper.createObjectNode();
        item.put("id", itemId);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(textPart(text));
        }
        return item;
    }

    /**
     * A call of the model: a {@code function_call} item, or a {@code custom_tool_call} item with the raw input when
     * the tool is a custom one.
     *
     * @param status in_progress while its arguments stream, then completed
     */
    ObjectNode callItem(String itemId, ToolCall call, String status, boolean withArguments) {
        ObjectNode item = mapper.createObjectNode();
        boolean custom = request.tools().isCustom(call.name());
        item.put("id", itemId);
        item.put("type", custom ? "custom_tool_call" : "function_call");
        item.put("status", status);
        item.put("call_id", call.id());
        item.put("name", call.name());
        item.put(custom ? "input" : "arguments", withArguments ? callInput(call) : "");
        return item;
    }

    /** The item id of a call: fc_ for a function call, ctc_ for a custom tool call, as OpenAI issues them. */
    String callItemId(ToolCall call) {
        return newId(request.tools().isCustom(call.name()) ? "ctc_" : "fc_");
    }

    /** The arguments JSON of a function call; the raw input of a custom tool call. */
    String callInput(ToolCall call) {
        if (!request.tools().isCustom(call.name())) {
            return call.arguments();
        }
        try {
            JsonNode input = mapper.readTree(call.arguments()).get(ResponsesTools.CUSTOM_INPUT);
            return input != null && input.isTextual() ? input.asText() : call.arguments();
        } catch (JsonProcessingException e) {
            return call.arguments();
        }
    }

    ObjectNode textPart(String text) {
        ObjectNode part = mapper.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }
}
