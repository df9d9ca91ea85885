package dev.hixai2api.anthropic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hixai2api.core.AnswerEvent;
import dev.hixai2api.core.StreamRenderer;
import dev.hixai2api.core.ToolCall;
import dev.hixai2api.core.Usage;

/**
 * One streamed answer as Anthropic's events: message_start and a ping, then each content block (thinking at
 * index 0 for a reasoning model, then text, then one tool_use block per call) as content_block_start, its deltas
 * and content_block_stop, then message_delta with the stop reason and usage, and message_stop. A call comes whole
 * (the engine hands it on once its arguments are checked): its input is one input_json_delta. A break after the
 * first content is an {@code error} event, as Anthropic sends an overloaded_error mid-stream.
 */
final class AnthropicStreamRenderer implements StreamRenderer {

    private enum Block { THINKING, TEXT }

    private final AnthropicMessagesDoor door;
    private final String id;
    private final String model;
    private Block open;
    private int index = -1;
    private boolean calledTools;

    AnthropicStreamRenderer(AnthropicMessagesDoor door, String id, String model) {
        this.door = door;
        this.id = id;
        this.model = model;
    }

    @Override
    public List<byte[]> start() {
        // the input count is the core's, known with the answer's end: message_delta carries it
        ObjectNode start = door.node().put("type", "message_start");
        start.set("message", door.message(id, model, new Usage(0, 0)));
        return List.of(frame("message_start", start), frame("ping", door.node().put("type", "ping")));
    }

    @Override
    public List<byte[]> event(AnswerEvent event) {
        List<byte[]> frames = new ArrayList<>();
        if (event instanceof AnswerEvent.Thinking thinking) {
            enter(Block.THINKING, frames);
            frames.add(delta(door.node().put("type", "thinking_delta").put("thinking", thinking.text())));
        } else if (event instanceof AnswerEvent.Text text) {
            enter(Block.TEXT, frames);
            frames.add(delta(door.node().put("type", "text_delta").put("text", text.text())));
        } else if (event instanceof AnswerEvent.ToolUse toolUse) {
            toolUse(toolUse.call(), frames);
        } else if (event instanceof AnswerEvent.End end) {
            // an answer without calls always has a text block, as a non-streamed one does
            if (!calledTools) {
                enter(Block.TEXT, frames);
            }
            closeOpen(frames);
            ObjectNode messageDelta = door.node().put("type", "message_delta");
            messageDelta.putObject("delta")
                    .put("stop_reason", AnthropicMessagesDoor.stopReason(end.reason()))
                    .put("stop_sequence", end.stopSequence());
            messageDelta.set("usage", door.usage(end.usage()));
            frames.add(frame("message_delta", messageDelta));
            frames.add(frame("message_stop", door.node().put("type", "message_stop")));
        } else if (event instanceof AnswerEvent.Broken broken) {
            frames.add(frame("error", door.errorNode(broken.error().kind(), broken.error().getMessage())));
        }
        return frames;
    }

    private void toolUse(ToolCall call, List<byte[]> frames) {
        closeOpen(frames);
        calledTools = true;
        frames.add(start(door.toolUseBlock(call, door.node())));
        frames.add(delta(door.node().put("type", "input_json_delta").put("partial_json", call.arguments())));
        frames.add(stop());
    }

    private void enter(Block block, List<byte[]> frames) {
        if (open == block) {
            return;
        }
        closeOpen(frames);
        open = block;
        frames.add(start(block == Block.THINKING ? door.thinkingBlock("") : door.textBlock("")));
    }

    /** The next block's content_block_start. */
    private byte[] start(ObjectNode block) {
        index++;
        ObjectNode start = door.node().put("type", "content_block_start").put("index", index);
        start.set("content_block", block);
        return frame("content_block_start", start);
    }

    private void closeOpen(List<byte[]> frames) {
        if (open != null) {
            frames.add(stop());
            open = null;
        }
    }

    private byte[] stop() {
        return frame("content_block_stop", door.node().put("type", "content_block_stop").put("index", index));
    }

    private byte[] delta(ObjectNode delta) {
        ObjectNode event = door.node().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return frame("content_block_delta", event);
    }

    private byte[] frame(String name, ObjectNode data) {
        byte[] json = door.bytes(data);
        byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(json, 0, frame, head.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }
}
