package dev.hixai2api.hix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.hixai2api.attachment.LoadedFile;
import dev.hixai2api.openai.ChatMessage;
import dev.hixai2api.pool.HixCookie;
import org.apache.camel.Exchange;

/**
 * One chat request on its way to HixAI, kept as an exchange property: what to ask, and which cookies were
 * tried with what outcome. An attempt either continues a stored HixAI chat with only the new turn, or opens
 * a new chat that receives the whole conversation; the route's redelivery swaps the cookie between attempts.
 */
public final class HixChatCall {

    private static final String PROPERTY = "hixChatCall";

    private final ModelSelection selection;
    private final List<ChatMessage> messages;
    private final String tenant;
    private final String foldedQuestion;
    private final String newTurn;
    private final boolean stream;
    private final boolean includeUsage;
    private final Set<Long> triedCookieIds = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final AtomicReference<String> claim = new AtomicReference<>();
    private int attempts;
    private HixCookie cookie;
    private String chatId;
    private boolean continuing;
    private LoadedFile attachment;
    private String fileUrl;

    /**
     * @param tenant         who asks (a digest of the API key), so one client never continues another's chat
     * @param foldedQuestion the whole conversation, for a new chat
     * @param newTurn        the user turn after the last answer, for a continued chat; null when there is none
     */
    public HixChatCall(ModelSelection selection, List<ChatMessage> messages, String tenant, String foldedQuestion,
                       String newTurn, boolean stream, boolean includeUsage) {
        this.selection = selection;
        this.messages = messages;
        this.tenant = tenant;
        this.foldedQuestion = foldedQuestion;
        this.newTurn = newTurn;
        this.stream = stream;
        this.includeUsage = includeUsage;
    }

    public static HixChatCall of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, HixChatCall.class);
    }

    public void attachTo(Exchange exchange) {
        exchange.setProperty(PROPERTY, this);
    }

    public ModelSelection selection() {
        return selection;
    }

    public HixModel model() {
        return selection.model();
    }

    public List<ChatMessage> messages() {
        return messages;
    }

    public String tenant() {
        return tenant;
    }

    /** What this attempt sends: the new turn to a continued chat, the whole conversation to a new one. */
    public String question() {
        return continuing ? newTurn : foldedQuestion;
    }

    public String newTurn() {
        return newTurn;
    }

    public boolean stream() {
        return stream;
    }

    public boolean includeUsage() {
        return includeUsage;
    }

    public HixCookie cookie() {
        return cookie;
    }

    /** The next attempt opens a new chat on this cookie, not tried before. */
    public void useCookie(HixCookie next) {
        cookie = next;
        chatId = null;
        continuing = false;
        attempts++;
        triedCookieIds.add(next.id());
    }

    /**
     * The first attempt continues a stored chat, whose record this request has claimed. Its cookie is not
     * marked as tried: if the chat itself is gone, the same cookie may still open a new one.
     */
    public void continueChat(HixCookie owner, String storedChatId, String claimOnRecord) {
        cookie = owner;
        chatId = storedChatId;
        continuing = true;
        attempts++;
        claim.set(claimOnRecord);
    }

    /**
     * The claim on the continued chat's record, handed out once: to the record of the completed answer, or
     * back to the stored conversation when none completed. Null once taken, or when no chat was continued.
     */
    public String takeClaim() {
        return claim.getAndSet(null);
    }

    public boolean continuing() {
        return continuing;
    }

    public Set<Long> triedCookieIds() {
        return triedCookieIds;
    }

    public int attempts() {
        return attempts;
    }

    public void recordFailure(String reason) {
        failures.add("attempt " + (failures.size() + 1) + " (cookie #" + cookie.id() + "): " + reason);
    }

    public List<String> failures() {
        return failures;
    }

    public String chatId() {
        return chatId;
    }

    public void chatId(String id) {
        chatId = id;
    }

    public LoadedFile attachment() {
        return attachment;
    }

    /** The file of the last user message, sent with every attempt's question. */
    public void attachment(LoadedFile file) {
        attachment = file;
    }

    /** An attachment is uploaded once; later attempts reuse its URL. */
    public boolean needsUpload() {
        return attachment != null && fileUrl == null;
    }

    public String fileUrl() {
        return fileUrl;
    }

    public void fileUrl(String url) {
        fileUrl = url;
    }
}
