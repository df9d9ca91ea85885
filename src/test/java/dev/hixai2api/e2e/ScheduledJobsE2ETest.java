package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.hixai2api.hix.Credits;
import dev.hixai2api.pool.CookieState;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The Quartz jobs of routes/jobs.yaml, on a one-second cron so they fire during the test. */
@TestPropertySource(properties = {
        "CREDIT_REFRESH_CRON=0/1 * * * * ?",
        "CHAT_CLEANUP_CRON=0/1 * * * * ?",
        "CHAT_MAX_DAYS=2"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScheduledJobsE2ETest extends GatewayTestSupport {

    private static final long DAY = Duration.ofDays(1).toMillis();


    @Test
    void theJobsAreYamlRoutesScheduledByTheCronSettings() {
        assertThat(camelContext.getRoute("credit-refresh-job").getSourceLocation()).contains("routes/jobs.yaml");
        assertThat(camelContext.getRoute("conversation-cleanup-job").getSourceLocation()).contains("routes/jobs.yaml");
        assertThat(camelContext.getRoute("credit-refresh-job").getEndpoint().getEndpointUri()).contains("cron=0%2F1");
    }

    @Test
    void theCreditRefreshJobUpdatesCreditsAndRevivesACookieHixAiAcceptsAgain() {
        long stale = cookies.insert("tok-stale-credit", "", new Credits(5, 0, false));
        SIMULATOR.addAccount("tok-stale-credit", 77);
        long revived = seedCookie("tok-revived", 100);
        cookies.markFailure(revived, CookieState.DISABLED, "DEAD_SESSION: earlier");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(cookies.findById(stale).orElseThrow().credit()).isEqualTo(77);
            assertThat(cookies.findById(revived).orElseThrow().displayState()).isEqualTo("active");
        });
    }

    @Test
    void theCleanupJobDeletesOldConversationsHereAndAtHixAi() {
        long cookie = seedCookie("tok-chats", 100);
        long dead = seedCookie("tok-dead-chats", 100);
        SIMULATOR.account("tok-dead-chats").setLoggedIn(false);
        long now = System.currentTimeMillis();
        conversation("chat-old-1", cookie, now - 3 * DAY);
        conversation("chat-old-2", cookie, now - 10 * DAY);
        conversation("chat-old-of-dead-cookie", dead, now - 5 * DAY);
        conversation("chat-recent", cookie, now - DAY);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                jdbc.sql("SELECT chat_id FROM conversation").query(String.class).list()).containsExactly("chat-recent"));

        assertThat(SIMULATOR.deletedChatIds()).contains("chat-old-1", "chat-old-2").doesNotContain("chat-recent");
        assertThat(SIMULATOR.requests()).anySatisfy(r -> {
            assertThat(r.path()).endsWith("hixChat.deleteChat");
            assertThat(r.bodyText()).contains("chat-old-1");
            assertThat(r.headers().get("cookie")).contains("tok-chats");
        });
    }

    @Test
    void theCleanupJobDeletesOldStoredResponses() {
        long now = System.currentTimeMillis();
        storedResponse("resp_old", now - 3 * DAY);
        storedResponse("resp_recent", now - DAY);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                jdbc.sql("SELECT id FROM stored_response").query(String.class).list()).containsExactly("resp_recent"));
    }

    private void storedResponse(String id, long created) {
        jdbc.sql("INSERT INTO stored_response (id, tenant, model, history, response, create_time) "
                        + "VALUES (?, '', 'gpt-4o-mini', '[]', '{}', ?)")
                .params(id, created).update();
    }

    private void conversation(String chatId, long cookieId, long updated) {
        jdbc.sql("INSERT INTO conversation (chat_id, cookie_id, model, context_hash, create_time, update_time) "
                        + "VALUES (?, ?, 'gpt-4o-mini', 'h', ?, ?)")
                .params(chatId, cookieId, updated, updated).update();
    }
}
