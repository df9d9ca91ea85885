package dev.hixai2api.chat;

import java.util.Map;

import dev.hixai2api.security.GuardClient;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The engine every front door plugs into. A door's route sets the variable {@code frontDoor} to its
 * {@link dev.hixai2api.core.FrontDoor} bean and sends the raw body to {@value #ENDPOINT}; the engine parses it with
 * the door, loads its attachment, finds the stored chat it continues or picks a cookie, runs the HixAI
 * conversation as one redeliverable step (the shared error handling swaps the cookie between attempts) and
 * leaves the door's rendering as the body: its JSON answer, its SSE frames as a stream, or its error.
 */
@Component
public class ChatRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:chat";
    static final String ANSWER = "direct:chatAnswer";
    /** The headers of a streamed answer. */
    static final Map<String, String> STREAM_HEAD = Map.of(Exchange.CONTENT_TYPE, "text/event-stream; charset=utf-8",
            "Cache-Control", "no-cache", "X-Accel-Buffering", "no");
    private static final String ATTEMPTS = "direct:chatAttempts";
    private static final String ATTEMPT = "direct:chatAttempt";
    /** Hook routes users may define in routes/*.yaml; absent hooks are skipped. */
    private static final String BEFORE_UPSTREAM_HOOK = "direct:beforeUpstream?failIfNoConsumers=false";
    private static final String AFTER_ANSWER_HOOK = "direct:afterAnswer?failIfNoConsumers=false";

    private final GuardClient guardClient;
    private final OpenChat openChat;
    private final LoadAttachment loadAttachment;
    private final FindConversation findConversation;
    private final PickCookie pickCookie;
    private final ReadAnswer readAnswer;
    private final StreamKeepalive streamKeepalive;

    public ChatRoutes(GuardClient guardClient, OpenChat openChat, LoadAttachment loadAttachment,
                      FindConversation findConversation, PickCookie pickCookie, ReadAnswer readAnswer,
                      StreamKeepalive streamKeepalive) {
        this.guardClient = guardClient;
        this.openChat = openChat;
        this.loadAttachment = loadAttachment;
        this.findConversation = findConversation;
        this.pickCookie = pickCookie;
        this.readAnswer = readAnswer;
        this.streamKeepalive = streamKeepalive;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("chat").routeConfigurationId(ChatErrorHandling.ID)
                .streamCache("false")
                .process(guardClient)
                .process(openChat)
                .choice()
                    .when(streamKeepalive::appliesTo)
                        .process(streamKeepalive)
                    .otherwise()
                        .to(ANSWER)
                .end();

        // Everything that may wait for HixAI.
        from(ANSWER).routeId("chat-answer").routeConfigurationId(ChatErrorHandling.ID)
                .streamCache("false")
                .process(loadAttachment)
                .process(findConversation)
                .process(pickCookie)
                .to(ATTEMPTS)
                .process(ChatRoutes::responseHeaders)
                .to(AFTER_ANSWER_HOOK);

        // The attempts: the one step whose failure is redelivered, on another cookie.
        from(ATTEMPTS).routeId("chat-attempts").routeConfigurationId(ChatErrorHandling.ATTEMPTS_ID)
                .streamCache("false")
                .to(ATTEMPT);

        // One attempt; without an error handler of its own, a failure is redelivered by the caller as a whole.
        from(ATTEMPT).routeId("chat-attempt")
                .errorHandler(noErrorHandler())
                .streamCache("false")
                .process(exchange -> exchange.setVariable("cookieId", ChatCall.of(exchange).attempt().cookie().id()))
                .to(BEFORE_UPSTREAM_HOOK)
                .filter(exchange -> ChatCall.of(exchange).attempt().chatId() == null)
                    .setBody(exchange -> ChatCall.of(exchange).newChat())
                    .to("direct:hixCreateChat")
                    .process(exchange -> ChatCall.of(exchange).chatOpened(exchange.getMessage().getBody(String.class)))
                .end()
                .filter(exchange -> ChatCall.of(exchange).needsUpload())
                    .setBody(exchange -> ChatCall.of(exchange).upload())
                    .to("direct:hixUpload")
                    .process(exchange -> ChatCall.of(exchange).fileUploaded(exchange.getMessage().getBody(String.class)))
                .end()
                .setBody(exchange -> ChatCall.of(exchange).hixQuestion())
                .to("direct:hixChat")
                .process(readAnswer);
    }

    /** Upstream response headers and the client's request headers must not leak into the answer. */
    static void responseHeaders(Exchange exchange) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        if (ChatCall.of(exchange).request().stream()) {
            exchange.getMessage().getHeaders().putAll(STREAM_HEAD);
        } else {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }
}
