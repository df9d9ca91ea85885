package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** CHAT_MAX_DAYS=-1 (the default) keeps conversation records for ever. */
class KeepConversationsE2ETest extends GatewayTestSupport {


    @Test
    void withoutChatMaxDaysTheCleanupDeletesNothing() {
        long cookie = seedCookie("tok-a", 100);
        long old = System.currentTimeMillis() - Duration.ofDays(400).toMillis();
        jdbc.sql("INSERT INTO conversation (chat_id, cookie_id, model, context_hash, create_time, update_time) "
                + "VALUES ('chat-ancient', ?, 'gpt-4o-mini', 'h', ?, ?)").params(cookie, old, old).update();

        camelContext.createProducerTemplate().sendBody("direct:cleanupConversations", null);

        assertThat(jdbc.sql("SELECT chat_id FROM conversation").query(String.class).list()).containsExactly("chat-ancient");
        assertThat(SIMULATOR.deletedChatIds()).isEmpty();
    }
}
