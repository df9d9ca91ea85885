package dev.hixai2api.api;

import dev.hixai2api.attachment.LoadAttachment;
import dev.hixai2api.conversation.FindConversation;
import dev.hixai2api.hix.HixChatCall;
import dev.hixai2api.openai.HixEventsToOpenAiChunks;
import dev.hixai2api.openai.OpenAiToHixRequest;
import dev.hixai2api.pool.PickCookie;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * POST /v1/chat/completions: authorise, map the request, then answer it: load its attachment, find the stored
 * chat it continues or pick a cookie, then run the HixAI conversation as one redeliverable step; the shared error
 * handling swaps the cookie between attempts.
 */
@Component
public class ChatCompletionRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:chatCompletions";
    static final String ANSWER = "direct:hixAnswer";
    private static final String CONVERSATION = "direct:hixConversation";
    /** Hook routes users may define in routes/*.yaml; absent hooks are skipped. */
    private static final String BEFORE_UPSTREAM_HOOK = "direct:beforeUpstream?failIfNoConsumers=false";
    private static final String AFTER_ANSWER_HOOK = "direct:afterAnswer?failIfNoConsumers=false";

    private final GuardClient guardClient;
    private final AuthorizeApiKey authorizeApiKey;
    private final OpenAiToHixRequest openAiToHixRequest;
    private final LoadAttachment loadAttachment;
    private final FindConversation findConversation;
    private final PickCookie pickCookie;
    private final HixEventsToOpenAiChunks hixEventsToOpenAiChunks;
    private final StreamKeepalive streamKeepalive;

    public ChatCompletionRoutes(GuardClient guardClient, AuthorizeApiKey authorizeApiKey, OpenAiToHixRequest openAiToHixRequest,
                                LoadAttachment loadAttachment, FindConversation findConversation,
                                PickCookie pickCookie, HixEventsToOpenAiChunks hixEventsToOpenAiChunks,
                                StreamKeepalive streamKeepalive) {
        this.loadAttachment = loadAttachment;
        this.findConversation = findConversation;
        this.guardClient = guardClient;
        this.authorizeApiKey = authorizeApiKey;
        this.openAiToHixRequest = openAiToHixRequest;
        this.pickCookie = pickCookie;
        this.hixEventsToOpenAiChunks = hixEventsToOpenAiChunks;
        this.streamKeepalive = streamKeepalive;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("chat-completions").routeConfigurationId(OpenAiErrorHandling.ID)
                .streamCache("false")
                .process(guardClient)
                .process(authorizeApiKey)
                .process(openAiToHixRequest)
                .choice()
                    .when(streamKeepalive::appliesTo)
                        .process(streamKeepalive)
                    .otherwise()
                        .to(ANSWER)
                .end();

        // Everything that may wait for HixAI; with STREAM_KEEPALIVE a stream runs it on an answer thread.
        from(ANSWER).routeId("hix-answer").routeConfigurationId(OpenAiErrorHandling.ID)
                .streamCache("false")
                .process(loadAttachment)
                .process(findConversation)
                .process(pickCookie)
                .to(CONVERSATION)
                .process(ChatCompletionRoutes::responseHeaders)
                .to(AFTER_ANSWER_HOOK);

        // One attempt; without an error handler of its own, a failure is redelivered by the caller as a whole.
        from(CONVERSATION).routeId("hix-conversation")
                .errorHandler(noErrorHandler())
                .streamCache("false")
                .to(BEFORE_UPSTREAM_HOOK)
                .filter(exchange -> HixChatCall.of(exchange).chatId() == null)
                    .to("direct:hixCreateChat")
                .end()
                .filter(exchange -> HixChatCall.of(exchange).needsUpload())
                    .to("direct:hixUpload")
                .end()
                .to("direct:hixChat")
                .process(hixEventsToOpenAiChunks);
    }

    /** Upstream response headers and the client's request headers must not leak into the answer. */
    static void responseHeaders(Exchange exchange) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        if (HixChatCall.of(exchange).stream()) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            exchange.getMessage().setHeader("Cache-Control", "no-cache");
            exchange.getMessage().setHeader("X-Accel-Buffering", "no");
        } else {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }
}
