package dev.hixai2api.persistence;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which HixAI chat, on which cookie, holds a conversation: the record later turns and the cleanup job use. */
@Repository
public class ConversationRepository {

    private final JdbcClient jdbc;

    public ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String chatId, long cookieId, String model, String contextHash) {
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO conversation (chat_id, cookie_id, model, context_hash, create_time, update_time) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(chatId, cookieId, model, contextHash, now, now)
                .update();
    }

    /** The HixAI chat holding a conversation, and the cookie it lives on. */
    public record StoredConversation(String chatId, long cookieId) {
    }

    /** The chat whose history has this key, for this model; the most recently used one if several do. */
    public Optional<StoredConversation> findByContext(String contextHash, String model) {
        return jdbc.sql("SELECT chat_id, cookie_id FROM conversation WHERE context_hash = ? AND model = ? "
                        + "ORDER BY update_time DESC LIMIT 1")
                .params(contextHash, model)
                .query((rs, row) -> new StoredConversation(rs.getString("chat_id"), rs.getLong("cookie_id")))
                .optional();
    }

    /**
     * A continued chat now holds one more turn. The old key stops matching, so a regenerated answer (the same
     * history sent again) opens a new chat instead of repeating a turn inside this one.
     */
    public void advance(String chatId, String contextHash) {
        jdbc.sql("UPDATE conversation SET context_hash = ?, update_time = ? WHERE chat_id = ?")
                .params(contextHash, System.currentTimeMillis(), chatId)
                .update();
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
