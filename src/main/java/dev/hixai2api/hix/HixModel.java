package dev.hixai2api.hix;

/**
 * One HixAI model as the gateway exposes it.
 *
 * @param name           the OpenAI model name clients send
 * @param botId          the HixAI bot that answers
 * @param type           which credit it consumes
 * @param credit         credit cost of one message
 * @param maxInputChars  longest question HixAI accepts for it
 */
public record HixModel(String name, int botId, ModelType type, int credit, int maxInputChars) {

    public boolean reasoning() {
        return ModelRegistry.REASONING_MODEL.equals(name);
    }
}
