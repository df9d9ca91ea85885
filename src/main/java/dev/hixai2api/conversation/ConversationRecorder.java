package dev.hixai2api.conversation;

import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.openai.ChatCompletionListener;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * After each complete answer: remembers which HixAI chat and cookie hold the conversation, and has the
 * cookie's credit re-read. Both happen on the {@code chat-completed} route's own threads, never while the
 * client waits.
 */
@Component
public class ConversationRecorder implements ChatCompletionListener {

    public static final String COMPLETED_ENDPOINT = "seda:chatCompleted";

    private final ProducerTemplate producer;

    public ConversationRecorder(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void completed(HixChatCall call, String answer) {
        CompletedChat chat = new CompletedChat(call.chatId(), call.cookie().id(), call.cookie().token(),
                call.model().name(), call.continuing(),
                ConversationKey.withAnswer(call.tenant(), call.messages(), answer));
        producer.asyncSendBody(COMPLETED_ENDPOINT, chat);
    }
}
