package dev.hixai2api.chat;

import java.util.List;

import dev.hixai2api.attachment.AttachmentLoader;
import dev.hixai2api.core.Attachment;
import dev.hixai2api.core.ChatMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Loads the file of the last user message, once per request. HixAI takes one file per message: of several,
 * the last one is used.
 */
@Component
public class LoadAttachment implements Processor {

    private final AttachmentLoader loader;

    public LoadAttachment(AttachmentLoader loader) {
        this.loader = loader;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCall call = ChatCall.of(exchange);
        List<ChatMessage> messages = call.request().messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                List<Attachment> attachments = messages.get(i).attachments();
                if (!attachments.isEmpty()) {
                    call.attachment(loader.load(attachments.get(attachments.size() - 1)));
                }
                return;
            }
        }
    }
}
