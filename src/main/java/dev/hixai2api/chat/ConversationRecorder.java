package dev.hixai2api.chat;

import dev.hixai2api.conversation.ChatCompletedRoutes;
import dev.hixai2api.conversation.ConversationKey;
import dev.hixai2api.core.ChatMessage;
import dev.hixai2api.persistence.ConversationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * After each complete answer, before its last bytes leave: remembers which HixAI chat and cookie hold the
 * conversation (and the tool set it has seen), with one indexed insert or update on the request thread, so a next
 * turn sent the instant the answer ended continues that chat. Only the cookie's credit re-read is left to the
 * background.
 */
@Component
public class ConversationRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationRecorder.class);

    private final ConversationRepository conversations;
    private final ChatCompletedRoutes chatCompleted;

    public ConversationRecorder(ConversationRepository conversations, ChatCompletedRoutes chatCompleted) {
        this.conversations = conversations;
        this.chatCompleted = chatCompleted;
    }

    /** @param answer what the client got of the answer of this attempt: its text and the tools it called */
    void completed(ChatCall call, ChatCall.Attempt attempt, ChatMessage answer) {
        record(call, attempt, ConversationKey.withAnswer(call.tenant(), call.request().messages(), answer));
        try {
            chatCompleted.answered(attempt.cookie().id());
        } catch (RuntimeException e) {
            // only while the gateway stops: the next scheduled refresh reads the credit
            LOG.warn("The credit of cookie #{} is not re-read after this answer: {}", attempt.cookie().id(), e.getMessage());
        }
    }

    private void record(ChatCall call, ChatCall.Attempt attempt, String contextHash) {
        try {
            if (attempt.continuing()) {
                conversations.advance(attempt.chatId(), call.takeClaim(), contextHash, call.seenToolsDigest());
            } else {
                conversations.insert(attempt.chatId(), attempt.cookie().id(), call.model().name(), contextHash,
                        call.seenToolsDigest());
            }
        } catch (DataAccessException e) {
            // the answer stands; a claim taken above stays on the record, which then matches no history
            LOG.warn("The conversation of chat {} is not recorded ({}): its next turn opens a new chat with the whole "
                    + "conversation", attempt.chatId(), e.getMessage());
        }
    }
}
