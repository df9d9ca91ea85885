package dev.hixai2api.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.StopReason;
import dev.hixai2api.core.StreamRenderer;

/**
 * The Responses API event stream of one answer: {@code response.created} and {@code response.in_progress}, then a
 * reasoning item (its summary streamed) when the model thinks, then the message item with its output_text part,
 * and {@code response.completed} (or {@code response.incomplete} at max_output_tokens, {@code response.failed}
 * when HixAI broke off). Every event carries its {@code sequence_number}.
 */
final class ResponsesStreamRenderer implements StreamRenderer {

    private final ResponseShape shape;
    /** Called with the final response and the answer text before the closing event is rendered. */
    private final BiConsumer<ObjectNode, String> finished;
    private final ArrayNode output;
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private int sequence;
    private String reasoningId;
    private boolean reasoningOpen;
    private String messageId;

    ResponsesStreamRenderer(ResponseShape shape, BiConsumer<ObjectNode, String> finished) {
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
        } else if (event instanceof AnswerEvent.End end) {
            end(end, frames);
        } else if (event instanceof AnswerEvent.Broken broken) {
            frames.add(frame(event("response.failed").set("response", shape.failed(output, broken.error()))));
        }
        return frames;
    }

    private void end(AnswerEvent.End end, List<byte[]> frames) {
        openMessage(frames);
        boolean cut = end.reason() == StopReason.MAX_TOKENS;
        String status = cut ? ResponseShape.INCOMPLETE : ResponseShape.COMPLETED;
        frames.add(frame(textEvent("response.output_text.done").put("text", text.toString())
                .set("logprobs", shape.mapper().createArrayNode())));
        frames.add(frame(textEvent("response.content_part.done").set("part", shape.textPart(text.toString()))));
        frames.add(frame(itemDone(shape.messageItem(messageId, status, text.toString()))));
        ObjectNode response = shape.response(status, output, end.usage());
        finished.accept(response, text.toString());
        frames.add(frame(event(cut ? "response.incomplete" : "response.completed").set("response", response)));
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
