package dev.hixai2api.conversation;

import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.openai.ChatCompletionListener;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After each complete answer: remembers which HixAI chat and cookie hold the conversation, and has the
 * cookie's credit re-read. Both happen on the {@code chat-completed} route's own threads, never while the
 * client waits.
 */
@Component
public class ConversationRecorder implements ChatCompletionListener {

    /** Bounded: when the book-keeping falls behind, answering threads wait up to 5 s for room rather than pile up. */
    public static final String COMPLETED_ENDPOINT = "seda:chatCompleted?size=10000&blockWhenFull=true&offerTimeout=5000";
    private static final Logger LOG = LoggerFactory.getLogger(ConversationRecorder.class);

    private final ProducerTemplate producer;

    public ConversationRecorder(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Queues the record on the request thread: one bounded queue, no extra hand-off thread pool. */
    @Override
    public void completed(HixChatCall call, String answer) {
        CompletedChat chat = new CompletedChat(call.chatId(), call.cookie().id(), call.model().name(), call.continuing(),
                ConversationKey.withAnswer(call.tenant(), call.messages(), answer));
        try {
            producer.sendBody(COMPLETED_ENDPOINT, chat);
        } catch (RuntimeException e) {
            // the answer is complete: a full queue only costs the continuation of this conversation
            LOG.warn("The conversation of chat {} is not recorded: {}", chat.chatId(), e.getMessage());
        }
    }
}
