package dev.hixai2api.hix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.hixai2api.pool.HixCookie;
import org.apache.camel.Exchange;

/**
 * One chat request on its way to HixAI, kept as an exchange property: what to ask, and which cookies were
 * tried with what outcome. The route's redelivery swaps {@link #cookie()} between attempts.
 */
public final class HixChatCall {

    private static final String PROPERTY = "hixChatCall";

    private final ModelSelection selection;
    private final String question;
    private final boolean stream;
    private final boolean includeUsage;
    private final Set<Long> triedCookieIds = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private HixCookie cookie;
    private String chatId;

    public HixChatCall(ModelSelection selection, String question, boolean stream, boolean includeUsage) {
        this.selection = selection;
        this.question = question;
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

    public String question() {
        return question;
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

    /** Puts the cookie of the next attempt in place. */
    public void useCookie(HixCookie next) {
        cookie = next;
        chatId = null;
        triedCookieIds.add(next.id());
    }

    public Set<Long> triedCookieIds() {
        return triedCookieIds;
    }

    public int attempts() {
        return triedCookieIds.size();
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
}
