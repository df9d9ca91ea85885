package dev.hixai2api.openai;

import dev.hixai2api.hix.HixChatCall;

/** Told of every answer that reached its end, off the response path. */
public interface ChatCompletionListener {

    void completed(HixChatCall call, String answer);
}
