package dev.hixai2api.persistence;

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

    public int count() {
        return jdbc.sql("SELECT COUNT(*) FROM conversation").query(Integer.class).single();
    }
}
