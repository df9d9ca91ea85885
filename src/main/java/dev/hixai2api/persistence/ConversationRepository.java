package dev.hixai2api.persistence;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which HixAI chat, on which cookie, holds a conversation: the record later turns and the cleanup job use. */
@Repository
public class ConversationRepository {

    /** A claim fills context_hash (CHAR(64)) exactly, so no database pads or trims it before comparing. */
    private static final int CLAIM_LENGTH = 64;
    private static final String CLAIM_PREFIX = "claim:";

    private final JdbcClient jdbc;

    public ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param toolsDigest the digest of the tool set the chat has seen, or null when it has seen none */
    public void insert(String chatId, long cookieId, String model, String contextHash, String toolsDigest) {
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO conversation (chat_id, cookie_id, model, context_hash, tools_digest, create_time, "
                        + "update_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(chatId, cookieId, model, contextHash, toolsDigest, now, now)
                .update();
    }

    /**
     * The HixAI chat holding a conversation, and the cookie it lives on.
     *
     * @param toolsDigest the digest of the tool set the chat has seen, or null
     */
    public record StoredConversation(String chatId, long cookieId, String toolsDigest) {
    }

    /** The chat whose history has this key, for this model; the most recently used one if several do. */
    public Optional<StoredConversation> findByContext(String contextHash, String model) {
        return jdbc.sql("SELECT chat_id, cookie_id, tools_digest FROM conversation "
                        + "WHERE context_hash = ? AND model = ? ORDER BY update_time DESC LIMIT 1")
                .params(contextHash, model)
                .query((rs, row) -> new StoredConversation(rs.getString("chat_id"), rs.getLong("cookie_id"),
                        rs.getString("tools_digest")))
                .optional();
    }

    /**
     * Claims a chat's record for one continuation: a compare-and-set from the history key to a marker only this
     * request knows, so of two identical continuations sent at once only one goes into the chat. Empty when
     * another request claimed or advanced the record first.
     * <p>
     * A gateway that dies between claim and release leaves the marker behind. No history key (64 hex digits)
     * ever equals it, so the record matches nothing: that conversation's next turn opens a new chat with the
     * whole conversation, never a wrong continuation; the record ages out like any other (CHAT_MAX_DAYS).
     */
    public Optional<String> claim(String chatId, String historyKey) {
        byte[] random = new byte[(CLAIM_LENGTH - CLAIM_PREFIX.length()) / 2];
        ThreadLocalRandom.current().nextBytes(random);
        String claim = CLAIM_PREFIX + HexFormat.of().formatHex(random);
        return swapKey(chatId, historyKey, claim) ? Optional.of(claim) : Optional.empty();
    }

    /**
     * The claimed chat now holds one more turn. The history key stops matching, so a regenerated answer (the
     * same history sent again) opens a new chat instead of repeating a turn inside this one.
     */
    public void advance(String chatId, String claim, String contextHash, String toolsDigest) {
        jdbc.sql("UPDATE conversation SET context_hash = ?, tools_digest = ?, update_time = ? "
                        + "WHERE chat_id = ? AND context_hash = ?")
                .params(contextHash, toolsDigest, System.currentTimeMillis(), chatId, claim)
                .update();
    }

    /** A continuation that did not complete gives the record back to the history it held. */
    public void release(String chatId, String claim, String historyKey) {
        swapKey(chatId, claim, historyKey);
    }

    private boolean swapKey(String chatId, String expected, String replacement) {
        return jdbc.sql("UPDATE conversation SET context_hash = ?, update_time = ? WHERE chat_id = ? AND context_hash = ?")
                .params(replacement, System.currentTimeMillis(), chatId, expected)
                .update() == 1;
    }

    /** A conversation record with the token of its cookie (null when the cookie was removed since). */
    public record ExpiredConversation(long id, String chatId, Long cookieId, String cookieToken) {
    }

    public List<ExpiredConversation> updatedBefore(long epochMillis) {
        return jdbc.sql("SELECT c.id, c.chat_id, k.id AS cookie_id, k.token FROM conversation c "
                        + "LEFT JOIN hix_cookie k ON k.id = c.cookie_id WHERE c.update_time < ? ORDER BY c.id")
                .param(epochMillis)
                .query((rs, row) -> new ExpiredConversation(rs.getLong("id"), rs.getString("chat_id"),
                        rs.getObject("cookie_id", Long.class), rs.getString("token")))
                .list();
    }

    public void delete(long id) {
        jdbc.sql("DELETE FROM conversation WHERE id = ?").param(id).update();
    }
}
