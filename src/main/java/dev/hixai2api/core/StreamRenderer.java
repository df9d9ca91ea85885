package dev.hixai2api.core;

import java.util.List;

/** The SSE frames of one streamed answer in a door's dialect (the keep-alive comment is the core's). */
public interface StreamRenderer {

    /** Frames sent before the first event (a role chunk, message_start, response.created…). */
    List<byte[]> start();

    /** Frames for one event: End brings the closing frames, Broken the door's error event. */
    List<byte[]> event(AnswerEvent event);
}
