package dev.hixai2api.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.hixai2api.attachment.LoadedFile;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.FrontDoor;
import dev.hixai2api.hix.HixModel;
import dev.hixai2api.hix.HixRequest;
import dev.hixai2api.hix.ModelSelection;
import dev.hixai2api.pool.HixCookie;
import org.apache.camel.Exchange;

/**
 * The engine's own state of one chat request, kept as a Camel variable of the chat routes: what the door parsed
 * (immutable), and what must survive a redelivery: the cookies tried and why they failed, the claim on a continued
 * chat's record, the uploaded file's URL. Each attempt is an immutable {@link Attempt}; the HixAI calls get
 * immutable {@link HixRequest}s made from it. Only the engine package reads it.
 */
final class ChatCall {

    private static final String VARIABLE = "chatCall";

    private final FrontDoor door;
    private final ChatRequest request;
    private final ModelSelection selection;
    private final String tenant;
    private final String foldedQuestion;
    private final String newTurn;
    private final Instructions instructions;
    private final Set<Long> triedCookieIds = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final AtomicReference<String> claim = new AtomicReference<>();
    private int attempts;
    private Attempt attempt;
    private LoadedFile attachment;
    private String fileUrl;
    private String seenToolsDigest;

    /**
     * @param tenant         who asks (a digest of the API key), so one client never continues another's chat
     * @param foldedQuestion the whole conversation, for a new chat
     * @param newTurn        the user turn after the last answer, for a continued chat; null when there is none
     * @param instructions   about tools and the answer format: already in the fold, added to a new turn
     */
    ChatCall(FrontDoor door, ChatRequest request, ModelSelection selection, String tenant, String foldedQuestion,
             String newTurn, Instructions instructions) {
        this.door = door;
        this.request = request;
        this.selection = selection;
        this.tenant = tenant;
        this.foldedQuestion = foldedQuestion;
        this.newTurn = newTurn;
        this.instructions = instructions;
    }

    /**
     * One attempt at HixAI: the cookie, the chat (null until opened) and whether it continues a stored chat with
     * only the new turn.
     */
    record Attempt(HixCookie cookie, String chatId, boolean continuing) {

        Attempt withChat(String id) {
            return new Attempt(cookie, id, continuing);
        }
    }

    static ChatCall of(Exchange exchange) {
        return exchange.getVariable(VARIABLE, ChatCall.class);
    }

    void attachTo(Exchange exchange) {
        exchange.setVariable(VARIABLE, this);
    }

    FrontDoor door() {
        return door;
    }

    ChatRequest request() {
        return request;
    }

    HixModel model() {
        return selection.model();
    }

    String tenant() {
        return tenant;
    }

    String newTurn() {
        return newTurn;
    }

    Attempt attempt() {
        return attempt;
    }

    /** What this attempt sends: the new turn to a continued chat, the whole conversation to a new one. */
    String question() {
        return attempt != null && attempt.continuing()
                ? instructions.continuedTurn(seenToolsDigest, newTurn) : foldedQuestion;
    }

    /** The digest of the tool set this attempt's chat has seen once its question is in it (for its record). */
    String seenToolsDigest() {
        return instructions.seenAfter(attempt.continuing() ? seenToolsDigest : null);
    }

    /** The next attempt opens a new chat on this cookie, not tried before. */
    void useCookie(HixCookie next) {
        attempt = new Attempt(next, null, false);
        attempts++;
        triedCookieIds.add(next.id());
    }

    /**
     * The first attempt continues a stored chat, whose record this request has claimed. Its cookie is not
     * marked as tried: if the chat itself is gone, the same cookie may still open a new one.
     */
    void continueChat(HixCookie owner, String storedChatId, String claimOnRecord, String toolsDigest) {
        attempt = new Attempt(owner, storedChatId, true);
        seenToolsDigest = toolsDigest;
        attempts++;
        claim.set(claimOnRecord);
    }

    void chatOpened(String chatId) {
        attempt = attempt.withChat(chatId);
    }

    /** The claim on the continued chat's record, handed out once; null once taken or when none was made. */
    String takeClaim() {
        return claim.getAndSet(null);
    }

    Set<Long> triedCookieIds() {
        return Set.copyOf(triedCookieIds);
    }

    int attempts() {
        return attempts;
    }

    /** @param cookieAtFault the cookie is not tried again (a new chat's is already marked as tried) */
    void recordFailure(String reason, boolean cookieAtFault) {
        failures.add("attempt " + (failures.size() + 1) + " (cookie #" + attempt.cookie().id() + "): " + reason);
        if (cookieAtFault) {
            triedCookieIds.add(attempt.cookie().id());
        }
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The file of the last user message, sent with every attempt's question. */
    void attachment(LoadedFile file) {
        attachment = file;
    }

    /** An attachment is uploaded once; later attempts reuse its URL. */
    boolean needsUpload() {
        return attachment != null && fileUrl == null;
    }

    void fileUploaded(String url) {
        fileUrl = url;
    }

    HixRequest.NewChat newChat() {
        return new HixRequest.NewChat(attempt.cookie().token(), model().name(), model().botId());
    }

    HixRequest.Upload upload() {
        return new HixRequest.Upload(attempt.cookie().token(), attempt.chatId(), attachment.bytes(),
                attachment.kind().extension(), attachment.kind().mimeType());
    }

    HixRequest.Question hixQuestion() {
        return new HixRequest.Question(attempt.cookie().token(), model().name(), attempt.chatId(), question(), fileUrl,
                selection.searchType());
    }

    /** A further question in the chat of {@code asked}, after its answer (the file is in the chat already). */
    HixRequest.Question followUp(Attempt asked, String question) {
        return new HixRequest.Question(asked.cookie().token(), model().name(), asked.chatId(), question, null,
                selection.searchType());
    }
}
