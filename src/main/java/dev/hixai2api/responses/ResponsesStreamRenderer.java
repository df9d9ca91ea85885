package dev.hixai2api.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.ToolCall;

/**
 * The Responses API event stream of one answer: {@code response.created} and {@code response.in_progress}, then a
 * reasoning item (its summary streamed) when the model thinks, then the message item with its output_text part
 * (left out when the answer is only tool calls), then one {@code function_call} (or {@code custom_tool_call}) item
 * per call, and {@code response.completed} (or {@code response.incomplete} at max_output_tokens,
 * {@code response.failed} when HixAI broke off). Every event carries its {@code sequence_number}.
 */
final class ResponsesStreamRenderer implements StreamRenderer {

    private final ResponseShape shape;
    /** Called with the final response and the assistant turn (text and calls) before the closing event. */
    private final BiConsumer<ObjectNode, ChatMessage> finished;
    private final ArrayNode output;
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();
    private int sequence;
    private String reasoningId;
    private boolean reasoningOpen;
    private String messageId;
    private boolean messageOpen;

    ResponsesStreamRenderer(ResponseShape shape, BiConsumer<ObjectNode, ChatMessage> finished) {
        this.shape = shape;
        this.finished = finished;
        this.output = shape.mapper().createArrayNode();
    }

    @Override
    public List<byte[]> start() {
        List<byte[]> frames = new ArrayList<>(2);
        ObjectNode response = shape.response(ResponseShape.IN_PROGRESS, output.deepCopy(), null);
        frames.add(frame(event("response.created").set("response", response)));
        frames.add(frame(event("response.in_progress").set("response", response)));
        return frames;
    }

    @Override
    public List<byte[]> event(AnswerEvent event) {
        List<byte[]> frames = new ArrayList<>(4);
        if (event instanceof AnswerEvent.Thinking thinking) {
            openReasoning(frames);
            reasoning.append(thinking.text());
            frames.add(frame(summaryEvent("response.reasoning_summary_text.delta").put("delta", thinking.text())));
        } else if (event instanceof AnswerEvent.Text delta) {
            openMessage(frames);
            text.append(delta.text());
            frames.add(frame(textEvent("response.output_text.delta").put("delta", delta.text())
                    .set("logprobs", shape.mapper().createArrayNode())));
        } else if (event instanceof AnswerEvent.ToolUse use) {
            call(use.call(), frames);
        } else if (event instanceof AnswerEvent.End end) {
            end(end, frames);
        } else if (event instanceof AnswerEvent.Broken broken) {
            frames.add(frame(event("response.failed").set("response", shape.failed(output, broken.error()))));
        }
        return frames;
    }

    /** The whole call at once (the engine hands it over complete): added, one delta, done. */
    private void call(ToolCall call, List<byte[]> frames) {
        closeMessage(ResponseShape.COMPLETED, frames);
        closeReasoning(frames);
        calls.add(call);
        String itemId = shape.callItemId(call);
        boolean custom = shape.request().tools().isCustom(call.name());
        String input = shape.callInput(call);
        String events = custom ? "response.custom_tool_call_input" : "response.function_call_arguments";
        frames.add(frame(itemEvent("response.output_item.added")
                .set("item", shape.callItem(itemId, call, ResponseShape.IN_PROGRESS, false))));
        frames.add(frame(itemEvent(events + ".delta").put("item_id", itemId).put("delta", input)));
        frames.add(frame(itemEvent(events + ".done").put("item_id", itemId)
                .put(custom ? "input" : "arguments", input)));
        frames.add(frame(itemDone(shape.callItem(itemId, call, ResponseShape.COMPLETED, true))));
    }

    private void end(AnswerEvent.End end, List<byte[]> frames) {
        boolean cut = end.reason() == StopReason.MAX_TOKENS;
        String status = cut ? ResponseShape.INCOMPLETE : ResponseShape.COMPLETED;
        if (calls.isEmpty()) {
            openMessage(frames);
        }
        closeMessage(status, frames);
        closeReasoning(frames);
        ObjectNode response = shape.response(status, output, end.usage());
        finished.accept(response, calls.isEmpty() ? new ChatMessage("assistant", text.toString())
                : ChatMessage.toolCalls(text.toString(), calls));
        frames.add(frame(event(cut ? "response.incomplete" : "response.completed").set("response", response)));
    }

    private void closeMessage(String status, List<byte[]> frames) {
        if (!messageOpen) {
            return;
        }
        messageOpen = false;
        frames.add(frame(textEvent("response.output_text.done").put("text", text.toString())
                .set("logprobs", shape.mapper().createArrayNode())));
        frames.add(frame(textEvent("response.content_part.done").set("part", shape.textPart(text.toString()))));
        frames.add(frame(itemDone(shape.messageItem(messageId, status, text.toString()))));
    }

    private void openReasoning(List<byte[]> frames) {
        if (reasoningOpen) {
            return;
        }
        reasoningOpen = true;
        reasoningId = ResponseShape.newId("rs_");
        frames.add(frame(itemEvent("response.output_item.added").set("item", shape.reasoningItem(reasoningId, null))));
        frames.add(frame(summaryEvent("response.reasoning_summary_part.added").set("part", shape.summaryPart(""))));
    }

    private void closeReasoning(List<byte[]> frames) {
        if (!reasoningOpen) {
            return;
        }
        reasoningOpen = false;
        String summary = reasoning.toString();
        frames.add(frame(summaryEvent("response.reasoning_summary_text.done").put("text", summary)));
        frames.add(frame(summaryEvent("response.reasoning_summary_part.done").set("part", shape.summaryPart(summary))));
        frames.add(frame(itemDone(shape.reasoningItem(reasoningId, summary))));
    }

    private void openMessage(List<byte[]> frames) {
        if (messageId != null) {
            return;
        }
        closeReasoning(frames);
        messageOpen = true;
        messageId = ResponseShape.newId("msg_");
        frames.add(frame(itemEvent("response.output_item.added")
                .set("item", shape.messageItem(messageId, ResponseShape.IN_PROGRESS, null))));
        frames.add(frame(textEvent("response.content_part.added").set("part", shape.textPart(""))));
    }

    /** The item is finished: it joins {@code output}, which the closing response carries. */
    private ObjectNode itemDone(ObjectNode item) {
        ObjectNode done = itemEvent("response.output_item.done").set("item", item);
        output.add(item);
        return done;
    }

    private ObjectNode event(String type) {
        return shape.mapper().createObjectNode().put("type", type).put("sequence_number", sequence++);
    }

    /** An event about the output item being written: it sits at the end of {@code output}. */
    private ObjectNode itemEvent(String type) {
        return event(type).put("output_index", output.size());
    }

    private ObjectNode summaryEvent(String type) {
        return itemEvent(type).put("item_id", reasoningId).put("summary_index", 0);
    }

    private ObjectNode textEvent(String type) {
        return itemEvent(type).put("item_id", messageId).put("content_index", 0);
    }

    private byte[] frame(ObjectNode event) {
        try {
            return ("event: " + event.get("type").asText() + "\ndata: " + shape.mapper().writeValueAsString(event)
                    + "\n\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings and numbers always serialises", e);
        }
    }
}
