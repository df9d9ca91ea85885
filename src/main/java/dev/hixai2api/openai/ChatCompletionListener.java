package dev.hixai2api.openai;

import dev.hixai2api.hix.HixChatCall;

/** Told of every answer that reached its end, before the answer's last bytes leave for the client. */
public interface ChatCompletionListener {

    void completed(HixChatCall call, String answer);
}
