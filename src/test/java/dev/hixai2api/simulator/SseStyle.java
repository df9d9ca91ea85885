package dev.hixai2api.simulator;

/** How the simulator frames server-sent events. */
public enum SseStyle {
    /** {@code data: <json>\n\n}, one write per event, as HixAI does. */
    COMPACT,
    /** CRLF line ends, comment, event: and id: lines, each event flushed in two halves. */
    PEDANTIC
}
