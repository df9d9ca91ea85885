package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** After answers, a cookie's credit is re-read once per CREDIT_RECHECK_INTERVAL however many answers it gave. */
@TestPropertySource(properties = "CREDIT_RECHECK_INTERVAL=2s")
class CreditRecheckE2ETest extends GatewayTestSupport {

    /** The interval is a fixed period: five answers within 2 s fall into one period or straddle two. */
    @Test
    void fiveAnswersWithinTheIntervalAreFollowedByAtMostTwoUsageCallsThatReadTheCreditAfterTheLast() {
        long id = seedCookie("tok-a", 1_000);

        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", i % 2 == 0, "hi " + i), null).statusCode())
                    .isEqualTo(200);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("the answers took less than the interval").isLessThan(2_000);
        awaitAfterAnswerWork();

        assertThat(SIMULATOR.requests()).filteredOn(r -> r.path().contains("getUsedBotList")).hasSizeBetween(1, 2);
        assertThat(cookies.findById(id).orElseThrow().credit())
                .isEqualTo(SIMULATOR.account("tok-a").standardCredit()).isLessThan(1_000);
    }
}
