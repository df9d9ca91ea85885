package dev.hixai2api.e2e;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.pool.CookieState;
import dev.hixai2api.pool.HixCookie;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.context.TestPropertySource;

/** Every failure class of hix-protocol.md section 6: what the client gets and what becomes of the cookie. */
// UPSTREAM_READ_TIMEOUT, the setting of earlier versions, still sets both the first-byte and the idle timeout
@TestPropertySource(properties = {"UPSTREAM_READ_TIMEOUT=1s", "MAX_ATTEMPTS=3"})
class CookieFailoverE2ETest extends GatewayTestSupport {

    @ParameterizedTest(name = "dead session as {0}")
    @EnumSource(value = Failure.class, names = {"UNAUTHORIZED_HTTP", "TRPC_UNAUTHORIZED", "NOT_LOGIN_BODY"})
    void aDeadSessionIsDisabledAndAnotherCookieAnswers(Failure shape) {
        long dead = seedCookie("tok-dead", 100);
        seedCookie("tok-alive", 100);
        SIMULATOR.account("tok-dead").setDeadShape(shape);
        SIMULATOR.account("tok-dead").setLoggedIn(false);

        // selection is random: ask (streaming or not) until the dead cookie has been tried once
        int requests = 0;
        while (requests < 40 && cookies.findById(dead).orElseThrow().state() == CookieState.ACTIVE) {
            HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", requests++ % 2 == 1, "hi"), null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("\"error\"");
        }

        HixCookie cookie = cookies.findById(dead).orElseThrow();
        assertThat(cookie.displayState()).isEqualTo("disabled");
        assertThat(cookie.lastError()).startsWith("DEAD_SESSION");
        assertThat(cookie.lastErrorAt()).isNotNull();
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::token).containsOnly("tok-alive").hasSize(requests);
    }

    @Test
    void usedUpCreditSkipsTheCookieUntilARefreshShowsCreditAgain() {
        long poor = seedCookie("tok-poor", 100);
        seedCookie("tok-rich", 100);
        SIMULATOR.account("tok-poor").setStandardCredit(0);

        // selection is random: ask until the poor cookie has been tried once (each request still succeeds)
        for (int i = 0; i < 40 && cookies.findById(poor).orElseThrow().displayState().equals("active"); i++) {
            assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null).statusCode()).isEqualTo(200);
        }
        HixCookie benched = cookies.findById(poor).orElseThrow();
        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null).statusCode()).isEqualTo(200);
        assertThat(SIMULATOR.requests()).filteredOn(r -> r.path().endsWith("createChat"))
                .filteredOn(r -> r.headers().get("cookie").contains("tok-poor")).hasSize(1);
        SIMULATOR.account("tok-poor").setStandardCredit(500);
        refreshAllCredits();

        assertThat(benched.displayState()).isEqualTo("no_credit");
        assertThat(benched.lastError()).startsWith("NO_CREDIT");
        assertThat(cookies.findById(poor).orElseThrow().displayState()).isEqualTo("active");
        assertThat(cookies.findById(poor).orElseThrow().credit()).isEqualTo(500);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Failure.class, names = {"CLOUDFLARE_CHALLENGE", "CLOUDFLARE_CHALLENGE_503", "CLOUDFLARE_BLOCK"})
    void cloudflareIs503WithTheProxyHintPenalisesNoCookieAndTheNextRequestTriesAgain(Failure failure) {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        SIMULATOR.failAlways(failure);

        HttpResponse<String> blocked = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);
        int upstreamCalls = SIMULATOR.requests().size();
        SIMULATOR.failAlways(null);
        HttpResponse<String> next = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(blocked.statusCode()).isEqualTo(503);
        JsonNode error = json(blocked.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("upstream_blocked");
        assertThat(error.path("message").asText()).contains("PROXY_URL");
        assertThat(upstreamCalls).as("one attempt only, the pool is not burnt").isEqualTo(1);
        assertThat(cookies.findAll()).extracting(HixCookie::displayState).containsOnly("active");
        assertThat(cookies.findAll()).extracting(HixCookie::lastError).containsOnlyNulls();
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Failure.class, names = {"SERVER_ERROR", "HTML_INSTEAD_OF_SSE", "DROP_MID_STREAM",
            "SLOW_FIRST_BYTE"})
    void transientTroubleBeforeTheFirstByteRetriesOnAnotherCookieAndCoolsTheFirstDown(Failure failure) {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        SIMULATOR.failNext(failure);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("choices").get(0).path("message").path("content").asText()).startsWith("Hello");
        List<HixCookie> pool = cookies.findAll();
        assertThat(pool).extracting(HixCookie::displayState).containsExactlyInAnyOrder("cooling_down", "active");
        assertThat(pool).filteredOn(c -> c.coolingDown()).first().satisfies(c ->
                assertThat(c.lastError()).startsWith("TRANSIENT"));
        JsonNode listed = json(get("/api/cookie/all", "Bearer " + BACKEND_SECRET).body()).path("data");
        assertThat(listed.findValuesAsText("state")).containsExactlyInAnyOrder("cooling_down", "active");
        assertThat(listed.findValues("cooldownUntil")).anySatisfy(v -> assertThat(v.asLong()).isGreaterThan(System.currentTimeMillis()));
        assertThat(listed.findValuesAsText("lastError")).anySatisfy(v -> assertThat(v).startsWith("TRANSIENT"));
    }

    /**
     * A connection closed without an answer: on a pooled connection it is resent at once on a new one (HixAI may
     * have closed it while it sat idle, StaleConnectionRetryTest), on a new one the next attempt takes another
     * cookie. Either way the client never sees it.
     */
    @Test
    void aSingleConnectionClosedWithoutAnAnswerNeverReachesTheClient() {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        SIMULATOR.failNext(Failure.CONNECTION_RESET);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("choices").get(0).path("message").path("content").asText()).startsWith("Hello");
    }

    @Test
    void connectionsClosedWithoutAnAnswerEveryTimeCoolEveryCookieTriedDown() {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        SIMULATOR.failAlways(Failure.CONNECTION_RESET);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json(response.body()).path("error").path("message").asText()).contains("NoHttpResponseException");
        assertThat(cookies.findAll()).extracting(HixCookie::displayState).containsOnly("cooling_down");
    }

    @Test
    void whenEveryAttemptFailsTheClientGets503SayingWhy() {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        seedCookie("tok-c", 100);
        seedCookie("tok-d", 100);
        SIMULATOR.failAlways(Failure.SERVER_ERROR);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("all_attempts_failed");
        assertThat(error.path("message").asText()).startsWith("All 3 attempts failed")
                .contains("attempt 1", "attempt 2", "attempt 3", "HTTP 502").doesNotContain("tok-");
        assertThat(SIMULATOR.requests()).filteredOn(r -> r.path().endsWith("createChat"))
                .as("MAX_ATTEMPTS caps the attempts").hasSize(3);
    }

    /**
     * One cookie can pay (the others are disabled or out of credit): an answer HixAI cuts cools it down, yet the
     * gateway stays ready and the client's very next request is answered by it; the others are never asked.
     */
    @Test
    void aOneCookiePoolAnswersTheRequestRightAfterACutAnswer() {
        long good = seedCookie("tok-good", 1_000);
        long dead = seedCookie("tok-dead", 1_000);
        cookies.markFailure(dead, CookieState.DISABLED, "DEAD_SESSION: earlier");
        SIMULATOR.addAccount("tok-broke", 1_000);
        cookies.insert("tok-broke", "test", new dev.hixai2api.hix.Credits(0, 0, false));
        SIMULATOR.failNext(Failure.DROP_MID_STREAM);

        HttpResponse<String> cut = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        HixCookie cooled = cookies.findById(good).orElseThrow();
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        List<Integer> next = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            next.add(post("/v1/chat/completions", chatBody("gpt-4o-mini", i % 2 == 0, "hi " + i), null).statusCode());
        }

        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(502);
        assertThat(cooled.displayState()).isEqualTo("cooling_down");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(json(readiness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(next).as("no 503 no_valid_cookies while the only cookie cools down").containsOnly(200);
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::token).containsOnly("tok-good").hasSize(6);
        assertThat(SIMULATOR.requests()).filteredOn(r -> r.path().endsWith("createChat"))
                .allSatisfy(r -> assertThat(r.headers().get("cookie")).contains("tok-good"));
    }

    /** Both cookies cut: the next request goes at once to the one whose cooldown ends first. */
    @Test
    void aTwoCookiePoolWithBothCoolingAnswersWithTheCookieWhoseCooldownEndsFirst() {
        seedCookie("tok-a", 1_000);
        seedCookie("tok-b", 1_000);
        SIMULATOR.failAlways(Failure.DROP_MID_STREAM);

        HttpResponse<String> cut = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        SIMULATOR.failAlways(null);
        List<HixCookie> cooling = cookies.findAll();
        HttpResponse<String> next = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi again"), null);

        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(503);
        assertThat(json(cut.body()).path("error").path("code").asText()).isEqualTo("all_attempts_failed");
        assertThat(cooling).extracting(HixCookie::displayState).containsOnly("cooling_down");
        String firstToRecover = cooling.stream().min(java.util.Comparator.comparingLong(HixCookie::cooldownUntil))
                .orElseThrow().token();
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(next.body()).contains("data: [DONE]").doesNotContain("\"error\"");
        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::token).last().isEqualTo(firstToRecover);
    }

    /**
     * HixAI's -32003 for an advanced model means the advanced credit is used up: the subscriber's cookie keeps
     * serving standard models, and advanced ones no longer go to it until a re-read shows advanced credit.
     */
    @Test
    void usedUpAdvancedCreditLeavesTheCookieServingStandardModels() {
        long sub = seedSubscriber("tok-sub", 1_000, 1_000);
        SIMULATOR.account("tok-sub").setAdvancedCredit(0);

        HttpResponse<String> advanced = post("/v1/chat/completions", chatBody("claude-3-opus", false, "hi"), null);
        HttpResponse<String> standard = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        HttpResponse<String> advancedAgain = post("/v1/chat/completions", chatBody("claude-3-opus", false, "hi"), null);
        JsonNode models = json(get("/v1/models", null).body()).path("data");

        assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(503);
        assertThat(json(advanced.body()).path("error").path("code").asText()).isEqualTo("no_usable_cookie");
        assertThat(standard.statusCode()).as(standard.body()).isEqualTo(200);
        assertThat(advancedAgain.statusCode()).isEqualTo(503);
        assertThat(json(advancedAgain.body()).path("error").path("code").asText()).isEqualTo("no_valid_cookies");
        assertThat(SIMULATOR.requests()).filteredOn(r -> r.path().endsWith("createChat"))
                .as("the advanced model was asked once, the standard one once").hasSize(2);
        assertThat(models.findValuesAsText("id")).contains("gpt-4o-mini").doesNotContain("claude-3-opus");
        HixCookie cookie = cookies.findById(sub).orElseThrow();
        assertThat(cookie.state()).isEqualTo(CookieState.ACTIVE);
        assertThat(cookie.advancedCredit()).isZero();
        assertThat(cookie.lastError()).startsWith("NO_CREDIT");
    }

    @Test
    void aStallAfterTheFirstByteEndsTheStreamWithAnErrorEvent() {
        seedCookie("tok-a", 100);

        assertThat(millisToEndAStalledStream()).as("the 1 s read timeout, not the 60 s stall").isLessThan(5000);
    }

    @Test
    void anAdvancedModelNeverGoesToANonSubscriberCookie() {
        seedCookie("tok-standard-rich", 100_000);
        SIMULATOR.addSubscriber("tok-sub-lapsed", 100, 100).setActiveSub(false);
        cookies.insert("tok-sub-lapsed", "", new dev.hixai2api.hix.Credits(100, 100, false));
        seedSubscriber("tok-sub", 100, 1000);

        for (int i = 0; i < 6; i++) {
            assertThat(post("/v1/chat/completions", chatBody("claude-3-opus", false, "hi"), null).statusCode()).isEqualTo(200);
        }

        assertThat(SIMULATOR.chatCalls()).extracting(ChatCall::token).containsOnly("tok-sub");
    }

    private void refreshAllCredits() {
        camelContext.createProducerTemplate().sendBody("direct:refreshAllCredits", null);
    }
}
