package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.pool.CookieState;
import dev.hixai2api.pool.HixCookie;
import dev.hixai2api.simulator.Failure;
import dev.hixai2api.simulator.UsageHold;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A credit re-read (HixAI's usage call, then a write) never overwrites a cookie state written after it started,
 * nor lands on a token an admin has since put in its place. The simulator holds the re-read's usage answer while
 * the newer state is written, then lets it through.
 */
class CookieReReadRaceE2ETest extends GatewayTestSupport {

    private static final Duration HOLD_TIMEOUT = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0} while the re-read runs leaves the cookie {1}")
    @CsvSource({"UNAUTHORIZED_HTTP, disabled", "CREDIT_EXHAUSTED, no_credit", "SERVER_ERROR, cooling_down"})
    void aReReadThatStartedBeforeTheCookieChangedDoesNotUndoTheChange(Failure failure, String newerState)
            throws InterruptedException {
        long id = seedCookie("tok-a", 1_000);
        UsageHold reRead = SIMULATOR.holdUsage("tok-a");

        HttpResponse<String> answered = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        assertThat(reRead.awaitHeld(HOLD_TIMEOUT)).as("the answer's credit re-read reached HixAI").isTrue();
        SIMULATOR.account("tok-a").setFailure(failure);
        HttpResponse<String> failed = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi again"), null);
        HixCookie changed = cookies.findById(id).orElseThrow();
        reRead.release();
        awaitAfterAnswerWork();

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(failed.statusCode()).as(failed.body()).isIn(502, 503);
        assertThat(changed.displayState()).isEqualTo(newerState);
        assertThat(SIMULATOR.requests()).filteredOn(r -> r.path().contains("getUsedBotList"))
                .as("the held re-read was answered").hasSize(1);
        HixCookie after = cookies.findById(id).orElseThrow();
        assertThat(after.displayState()).isEqualTo(newerState);
        assertThat(after).usingRecursiveComparison().isEqualTo(changed);
    }

    @ParameterizedTest(name = "old token still logged in: {0}")
    @ValueSource(booleans = {true, false})
    void aReReadOfTheOldTokenNeverLandsOnTheTokenAnAdminPutInItsPlace(boolean oldTokenLoggedIn)
            throws InterruptedException {
        long id = seedCookie("tok-old-00001", 1_000);
        SIMULATOR.addAccount("tok-new-00002", 5_000);
        UsageHold reRead = SIMULATOR.holdUsage("tok-old-00001");

        HttpResponse<String> answered = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        assertThat(reRead.awaitHeld(HOLD_TIMEOUT)).as("the answer's credit re-read reached HixAI").isTrue();
        HttpResponse<String> replaced = post("/api/cookie/update",
                "{\"id\":" + id + ",\"cookie\":\"tok-new-00002\",\"remark\":\"rotated\"}", "Bearer " + BACKEND_SECRET);
        SIMULATOR.account("tok-old-00001").setLoggedIn(oldTokenLoggedIn);
        reRead.release();
        awaitAfterAnswerWork();

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(SIMULATOR.requests()).filteredOn(r -> r.path().contains("getUsedBotList"))
                .filteredOn(r -> r.headers().get("cookie").contains("tok-old-00001"))
                .as("the held re-read of the old token was answered").hasSize(1);
        HixCookie row = cookies.findById(id).orElseThrow();
        assertThat(row.token()).isEqualTo("tok-new-00002");
        assertThat(row.state()).isEqualTo(CookieState.ACTIVE);
        assertThat(row.credit()).as("the new token's credit, not the old one's").isEqualTo(5_000);
        JsonNode listed = json(get("/api/cookie/all", "Bearer " + BACKEND_SECRET).body()).path("data").get(0);
        assertThat(listed.path("state").asText()).isEqualTo("active");
        assertThat(listed.path("credit").asInt()).isEqualTo(5_000);
    }
}
