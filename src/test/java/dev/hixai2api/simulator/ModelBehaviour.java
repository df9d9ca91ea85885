package dev.hixai2api.simulator;

/**
 * How the simulated models treat the gateway's tool and answer-format instructions. "Once" means: wrong on a
 * question, right on the gateway's corrective turn after it.
 */
public enum ModelBehaviour {
    /** Calls tools as instructed (streamed in pieces, text first) and answers JSON in a fence with text around. */
    FOLLOWS,
    /** Wraps its call in a ```json fence and gives the arguments as a JSON string. */
    FENCED,
    /** Arguments that break the tool's schema / JSON that breaks the format, then right. */
    INVALID_ONCE,
    /** A call whose JSON is cut off (no closing brace, no closing tag), then right. */
    BROKEN_JSON_ONCE,
    /** No call although one is required, then right. */
    NO_CALL_ONCE,
    /** Wrong arguments / wrong JSON every time. */
    INVALID_ALWAYS
}
