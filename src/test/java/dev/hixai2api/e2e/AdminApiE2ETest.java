package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.hix.Credits;
import dev.hixai2api.pool.CookieState;
import dev.hixai2api.pool.HixCookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminApiE2ETest extends GatewayTestSupport {

    private static final String ADMIN = "Bearer " + BACKEND_SECRET;
    private static final String LONG_TOKEN = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abcDEF123_-xyz.tail";

    @Test
    void theSecretIsAcceptedBareOrAsBearer() {
        assertThat(envelope(post("/api/auth/verify", "", ADMIN), 200).path("code").asInt()).isZero();
        assertThat(envelope(post("/api/auth/verify", "", BACKEND_SECRET), 200).path("code").asInt()).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/auth/verify", "PUT, /api/key", "GET, /api/key/all", "POST, /api/key/update",
            "DELETE, /api/key/1", "PUT, /api/cookie", "GET, /api/cookie/all", "POST, /api/cookie/update",
            "DELETE, /api/cookie/1", "POST, /api/cookie/credit/refresh", "GET, /api/status"})
    void everyEndpointRefusesAWrongOrMissingSecret(String method, String path) {
        String body = method.equals("GET") || method.equals("DELETE") ? null : "{\"apiKey\":\"sk-aaaa-bbbb\",\"cookie\":\"" + LONG_TOKEN + "\"}";

        JsonNode wrong = envelope(request(method, path, body, "Bearer not-the-secret"), 401);
        JsonNode missing = envelope(request(method, path, body, null), 401);

        assertThat(wrong.path("code").asInt()).isEqualTo(1);
        assertThat(missing.path("code").asInt()).isEqualTo(1);
        assertThat(apiKeys.findAll()).isEmpty();
        assertThat(cookies.findAll()).isEmpty();
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void anAddedKeyIsListedMaskedAndWorksOnV1AtOnce() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-existing-key-1");
        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-new-key-0123456789").statusCode()).isEqualTo(401);

        JsonNode added = envelope(request("PUT", "/api/key", "{\"apiKey\":\"sk-new-key-0123456789\",\"remark\":\"team A\"}", ADMIN), 200);
        JsonNode listed = envelope(get("/api/key/all", ADMIN), 200);

        assertThat(added.path("data").path("id").asLong()).isPositive();
        assertThat(listed.path("data")).hasSize(2);
        assertThat(listed.toString()).doesNotContain("sk-new-key-0123456789").doesNotContain("sk-existing-key-1");
        JsonNode key = listed.path("data").get(1);
        assertThat(key.path("apiKey").asText()).startsWith("sk-").contains("…");
        assertThat(key.path("remark").asText()).isEqualTo("team A");
        assertThat(key.path("createTime").asLong()).isPositive();
        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-new-key-0123456789").statusCode()).isEqualTo(200);
    }

    @Test
    void keysAreUniqueAndRequired() {
        envelope(request("PUT", "/api/key", "{\"apiKey\":\"sk-dup-key-00001\"}", ADMIN), 200);

        assertThat(envelope(request("PUT", "/api/key", "{\"apiKey\":\"sk-dup-key-00001\"}", ADMIN), 400).path("message").asText()).contains("already exists");
        assertThat(envelope(request("PUT", "/api/key", "{\"remark\":\"no key\"}", ADMIN), 400).path("message").asText()).contains("apiKey");
        assertThat(envelope(request("PUT", "/api/key", "{\"apiKey\":\"sk-bad\\r\\nX-Injected: 1\"}", ADMIN), 400).path("code").asInt()).isEqualTo(1);
        assertThat(envelope(request("PUT", "/api/key", "{not json", ADMIN), 400).path("code").asInt()).isEqualTo(1);
        assertThat(apiKeys.findAll()).hasSize(1);
    }

    @Test
    void updatingAKeyReplacesItAndDeletingRevokesIt() {
        seedCookie("tok-a", 100);
        long id = envelope(request("PUT", "/api/key", "{\"apiKey\":\"sk-old-key-000001\"}", ADMIN), 200).path("data").path("id").asLong();

        envelope(post("/api/key/update", "{\"id\":" + id + ",\"apiKey\":\"sk-new-key-000002\",\"remark\":\"rotated\"}", ADMIN), 200);

        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "sk-old-key-000001").statusCode()).isEqualTo(401);
        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "sk-new-key-000002").statusCode()).isEqualTo(200);
        assertThat(envelope(post("/api/key/update", "{\"id\":999999,\"apiKey\":\"sk-other-key-003\"}", ADMIN), 404).path("code").asInt()).isEqualTo(1);
        seedApiKey("sk-second-key-0004");

        envelope(request("DELETE", "/api/key/" + id, null, ADMIN), 200);

        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "sk-new-key-000002").statusCode()).isEqualTo(401);
        assertThat(envelope(request("DELETE", "/api/key/" + id, null, ADMIN), 404).path("code").asInt()).isEqualTo(1);
        assertThat(envelope(request("DELETE", "/api/key/abc", null, ADMIN), 400).path("message").asText()).contains("id");
    }

    @Test
    void aCookieIsCheckedWithHixAiAndStoredWithItsCredits() {
        SIMULATOR.addSubscriber(LONG_TOKEN, 700, 90);

        JsonNode added = envelope(request("PUT", "/api/cookie", "{\"cookie\":\"" + LONG_TOKEN + "\",\"remark\":\"main\"}", ADMIN), 200);

        JsonNode cookie = added.path("data");
        assertThat(cookie.path("credit").asInt()).isEqualTo(700);
        assertThat(cookie.path("advancedCredit").asInt()).isEqualTo(90);
        assertThat(cookie.path("activeSub").asBoolean()).isTrue();
        assertThat(cookie.path("state").asText()).isEqualTo("active");
        assertThat(cookie.path("lastRefreshAt").asLong()).isPositive();
        assertThat(cookie.path("remark").asText()).isEqualTo("main");
        assertThat(SIMULATOR.requests()).anySatisfy(r -> assertThat(r.path()).contains("subUsage.getSubUsage"));
        assertThat(cookies.findAll()).extracting(HixCookie::token).containsExactly(LONG_TOKEN);
    }

    @Test
    void aWholeCookieHeaderOrAnEncodedValueGivesTheSameTokenAndDuplicatesAreRefused() {
        SIMULATOR.addAccount(LONG_TOKEN, 100);
        String header = "_ga=GA1.1; __Secure-next-auth.session-token=" + LONG_TOKEN.replace(".", "%2E") + "; theme=dark";

        envelope(request("PUT", "/api/cookie", "{\"cookie\":\"" + header + "\"}", ADMIN), 200);
        JsonNode duplicate = envelope(request("PUT", "/api/cookie", "{\"cookie\":\"" + LONG_TOKEN + "\"}", ADMIN), 400);

        assertThat(cookies.findAll()).extracting(HixCookie::token).containsExactly(LONG_TOKEN);
        assertThat(duplicate.path("message").asText()).contains("already exists");
    }

    @Test
    void aCookieHixAiRejectsIsRefusedWithAClearMessage() {
        JsonNode refused = envelope(request("PUT", "/api/cookie", "{\"cookie\":\"" + LONG_TOKEN + "\"}", ADMIN), 400);

        assertThat(refused.path("message").asText()).startsWith("HixAI does not accept this cookie").contains("not logged in");
        assertThat(refused.toString()).doesNotContain(LONG_TOKEN);
        assertThat(cookies.findAll()).isEmpty();
    }

    @Test
    void badCookieRequestsAre400AndStoreNothing() {
        assertThat(envelope(request("PUT", "/api/cookie", "{\"remark\":\"no cookie\"}", ADMIN), 400).path("message").asText()).contains("cookie is required");
        envelope(request("PUT", "/api/cookie", "{\"cookie\":\"tok\\r\\nX-Evil: 1\"}", ADMIN), 400);
        envelope(request("PUT", "/api/cookie", "{\"cookie\":\"a=b; other=c\"}", ADMIN), 400);
        envelope(request("PUT", "/api/cookie", "{\"cookie\": 42 ", ADMIN), 400);
        assertThat(cookies.findAll()).isEmpty();
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void theCookieListingMasksTokens() {
        seedCookie(LONG_TOKEN, 55);

        JsonNode listed = envelope(get("/api/cookie/all", ADMIN), 200);

        JsonNode cookie = listed.path("data").get(0);
        assertThat(listed.toString()).doesNotContain(LONG_TOKEN).doesNotContain("abcDEF123");
        assertThat(cookie.path("cookie").asText()).startsWith("eyJh").endsWith("tail").contains("…");
        assertThat(cookie.path("credit").asInt()).isEqualTo(55);
        assertThat(cookie.fieldNames()).toIterable().contains("id", "cookie", "credit", "advancedCredit", "remark",
                "createTime", "state", "lastError", "lastRefreshAt");
    }

    @Test
    void anAdminUpdateReChecksTheCookieAndRevivesADisabledOne() {
        long id = seedCookie("tok-revive-000001", 100);
        cookies.markFailure(id, CookieState.DISABLED, "DEAD_SESSION: not logged in");
        SIMULATOR.account("tok-revive-000001").setStandardCredit(80);

        JsonNode updated = envelope(post("/api/cookie/update", "{\"id\":" + id + ",\"remark\":\"back\"}", ADMIN), 200);

        assertThat(updated.path("data").path("state").asText()).isEqualTo("active");
        assertThat(updated.path("data").path("credit").asInt()).isEqualTo(80);
        assertThat(cookies.findById(id).orElseThrow().remark()).isEqualTo("back");
    }

    @Test
    void anUpdateWithANewTokenChecksItFirst() {
        long id = seedCookie("tok-first-0000001", 100);
        SIMULATOR.addAccount("tok-second-000002", 33);

        envelope(post("/api/cookie/update", "{\"id\":" + id + ",\"cookie\":\"tok-unknown-00003\"}", ADMIN), 400);
        envelope(post("/api/cookie/update", "{\"id\":" + id + ",\"cookie\":\"tok-second-000002\"}", ADMIN), 200);

        HixCookie cookie = cookies.findById(id).orElseThrow();
        assertThat(cookie.token()).isEqualTo("tok-second-000002");
        assertThat(cookie.credit()).isEqualTo(33);
        assertThat(envelope(post("/api/cookie/update", "{\"id\":424242}", ADMIN), 404).path("code").asInt()).isEqualTo(1);
    }

    @Test
    void deletingACookieRemovesIt() {
        long id = seedCookie("tok-gone-0000001", 100);

        envelope(request("DELETE", "/api/cookie/" + id, null, ADMIN), 200);

        assertThat(cookies.findAll()).isEmpty();
        assertThat(envelope(request("DELETE", "/api/cookie/" + id, null, ADMIN), 404).path("code").asInt()).isEqualTo(1);
    }

    @Test
    void theCreditRefreshReturnsAtOnceAndUpdatesEveryCookie() {
        long a = seedCookie("tok-refresh-0001", 100);
        long b = cookies.insert("tok-refresh-0002", "", new Credits(5, 0, false));
        SIMULATOR.addAccount("tok-refresh-0002", 400);
        SIMULATOR.account("tok-refresh-0001").setStandardCredit(12);
        SIMULATOR.firstByteDelayMillis(800);

        long start = System.nanoTime();
        JsonNode started = envelope(post("/api/cookie/credit/refresh", "", ADMIN), 200);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(started.path("code").asInt()).isZero();
        assertThat(tookMillis).as("refresh endpoint took %s ms", tookMillis).isLessThan(700);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cookies.findById(a).orElseThrow().credit()).isEqualTo(12);
            assertThat(cookies.findById(b).orElseThrow().credit()).isEqualTo(400);
        });
    }

    private static JsonNode envelope(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message", "data");
        assertThat(body.path("code").asInt()).isEqualTo(status == 200 ? 0 : 1);
        return body;
    }
}
