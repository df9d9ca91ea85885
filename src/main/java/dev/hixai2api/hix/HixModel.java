package dev.hixai2api.hix;

/**
 * One HixAI model as the gateway exposes it: a row of the model table (models.yaml).
 *
 * @param name           the OpenAI model name clients send
 * @param botId          the HixAI bot that answers
 * @param type           which credit it consumes
 * @param credit         credit cost of one message
 * @param maxInputChars  longest question HixAI accepts for it
 * @param reasoning      whether its answer starts with reasoning text
 */
public record HixModel(String name, int botId, ModelType type, int credit, int maxInputChars, boolean reasoning) {

    /** A model whose answer is text alone. */
    public HixModel(String name, int botId, ModelType type, int credit, int maxInputChars) {
        this(name, botId, type, credit, maxInputChars, false);
    }
}
