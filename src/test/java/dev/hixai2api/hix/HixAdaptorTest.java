package dev.hixai2api.hix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HixAdaptorTest {

    private static final String JSON = "application/json";
    private static final String HTML = "text/html; charset=UTF-8";

    private static final String CHALLENGE_PAGE = "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
            + "</head><body><script>(function(){window._cf_chl_opt={cvId: '3'};var a=document.createElement('script');"
            + "a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1';}());</script></body></html>";
    private static final String BLOCK_PAGE = "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title>"
            + "</head><body><h1>Sorry, you have been blocked</h1><h2>You are unable to access hix.ai</h2></body></html>";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HixAdaptor adaptor = new HixAdaptor(mapper);

    private JsonNode tree(String json) throws Exception {
        return mapper.readTree(json);
    }

    private static String trpcError(int code, String name, int httpStatus, String message) {
        return "{\"error\":{\"json\":{\"message\":\"" + message + "\",\"code\":" + code + ",\"data\":{\"code\":\"" + name
                + "\",\"httpStatus\":" + httpStatus + ",\"path\":\"hixChat.createChat\",\"appName\":\"HIXChat\"}}}}";
    }

    private static String usageResult(String usageListJson, boolean activeSub) {
        return "{\"result\":{\"data\":{\"json\":{\"usageList\":" + usageListJson + ",\"isActiveSub\":" + activeSub
                + "},\"meta\":{\"values\":{\"usageList.0.date_start\":[\"Date\"]}}}}}";
    }

    private static String usageEntry(int id, String type, int total, int used) {
        return "{\"id\":" + id + ",\"subscription_id\":\"sub_1\",\"total_count\":" + total + ",\"use_count\":" + used
                + ",\"status\":\"active\",\"usage_type\":\"" + type + "\",\"app_name\":\"HIXChat\","
                + "\"date_start\":\"2025-05-01T00:00:00.000Z\",\"date_end\":\"2025-06-01T00:00:00.000Z\","
                + "\"price_id\":\"price_1\"}";
    }

    private static String usageBatch(String usageElement) {
        return "[{\"result\":{\"data\":{\"json\":{\"list\":[]}}}},{\"result\":{\"data\":{\"json\":null}}},"
                + usageElement + "]";
    }

    private static FailureClass failureOf(Runnable call) {
        HixFailureException failure = catchThrowableOfType(call::run, HixFailureException.class);
        assertThat(failure).as("a HixFailureException").isNotNull();
        return failure.failureClass();
    }

    // ---- request bodies

    @Test
    void createChatBodyIsTrpcBatchWithUntitledTitleAndBotId() throws Exception {
        assertThat(tree(adaptor.createChatBody(86)))
                .isEqualTo(tree("{\"0\":{\"json\":{\"title\":\"Untitled\",\"botId\":86}}}"));
        assertThat(tree(adaptor.createChatBody(86)).path("0").path("json").path("botId").isInt()).isTrue();
    }

    @Test
    void deleteChatBodyIsTrpcBatchWithChatId() throws Exception {
        assertThat(tree(adaptor.deleteChatBody("cm5dl3ptm0aooah26hkwmcr2o")))
                .isEqualTo(tree("{\"0\":{\"json\":{\"id\":\"cm5dl3ptm0aooah26hkwmcr2o\"}}}"));
    }

    @Test
    void chatBodyWithoutSearchTypeHasNoSearchFlags() throws Exception {
        assertThat(tree(adaptor.chatBody("c1", "Hi there", null, null)))
                .isEqualTo(tree("{\"chatId\":\"c1\",\"fileUrl\":\"\",\"question\":\"Hi there\"}"));
    }

    @Test
    void chatBodyCarriesFileUrl() throws Exception {
        assertThat(tree(adaptor.chatBody("c1", "What is this?", "http://127.0.0.1:7012/a/b.png", null)))
                .isEqualTo(tree("{\"chatId\":\"c1\",\"fileUrl\":\"http://127.0.0.1:7012/a/b.png\","
                        + "\"question\":\"What is this?\"}"));
    }

    @Test
    void chatBodyWithSearchTypeAddsSearchTrueAndSearchType() throws Exception {
        for (String type : new String[] {"internet", "news", "academic"}) {
            assertThat(tree(adaptor.chatBody("c1", "q", "", type))).isEqualTo(tree(
                    "{\"chatId\":\"c1\",\"fileUrl\":\"\",\"question\":\"q\",\"search\":true,\"searchType\":\"" + type + "\"}"));
        }
    }

    @Test
    void chatBodyEscapesQuestionText() throws Exception {
        String question = "line \"one\"\nline\\two 世界";
        assertThat(tree(adaptor.chatBody("c1", question, null, null)).path("question").asText()).isEqualTo(question);
    }

    @Test
    void usageQueryIsTheProtocolsUrlEncodedInput() throws Exception {
        assertThat(HixAdaptor.USAGE_QUERY).startsWith("batch=1&input=");
        String input = URLDecoder.decode(HixAdaptor.USAGE_QUERY.substring("batch=1&input=".length()), StandardCharsets.UTF_8);
        assertThat(tree(input)).isEqualTo(tree("{\"0\":{\"json\":{\"limit\":1000}},"
                + "\"1\":{\"json\":null,\"meta\":{\"values\":[\"undefined\"]}},\"2\":{\"json\":{\"appName\":\"HIXChat\"}}}"));
    }

    // ---- chatId

    @Test
    void chatIdIsReadFromCreateChatAnswer() {
        assertThat(adaptor.chatId(200, JSON, "[{\"result\":{\"data\":{\"json\":{\"id\":\"cm5dl3ptm0aooah26hkwmcr2o\"}}}}]"))
                .isEqualTo("cm5dl3ptm0aooah26hkwmcr2o");
    }

    @Test
    void chatIdMissingIsTransient() {
        assertThat(failureOf(() -> adaptor.chatId(200, JSON, "[{\"result\":{\"data\":{\"json\":{}}}}]")))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(failureOf(() -> adaptor.chatId(200, JSON, "[{\"result\":{\"data\":{\"json\":{\"id\":\"\"}}}}]")))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(failureOf(() -> adaptor.chatId(200, JSON, "[{\"result\":{\"data\":{\"json\":{\"id\":12}}}}]")))
                .isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void chatIdFromErrorElementIsClassifiedByItsCode() {
        assertThat(failureOf(() -> adaptor.chatId(200, JSON,
                "[" + trpcError(-32003, "FORBIDDEN", 403, "Insufficient credits") + "]")))
                .isEqualTo(FailureClass.NO_CREDIT);
        assertThat(failureOf(() -> adaptor.chatId(401, JSON,
                "[" + trpcError(-32001, "UNAUTHORIZED", 401, "UNAUTHORIZED") + "]")))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void chatIdFromHtmlPageIsTransient() {
        assertThat(failureOf(() -> adaptor.chatId(200, HTML, "<html><body>maintenance</body></html>")))
                .isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void deletedAcceptsSuccessAndThrowsOnError() {
        adaptor.deleted(200, JSON, "[{\"result\":{\"data\":{\"json\":{\"count\":1}}}}]");
        assertThat(failureOf(() -> adaptor.deleted(200, JSON,
                "[" + trpcError(-32001, "UNAUTHORIZED", 401, "UNAUTHORIZED") + "]")))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    // ---- credits

    @Test
    void creditsStandardFromFirstEntryForNonSubscriber() {
        Credits credits = adaptor.credits(200, JSON, usageBatch(usageResult(
                "[" + usageEntry(1, "standard", 100, 7) + "]", false)));
        assertThat(credits).isEqualTo(new Credits(93, 0, false));
    }

    @Test
    void creditsAdvancedFromSecondEntryOnlyWhenActiveSub() {
        String list = "[" + usageEntry(1, "standard", 1000, 100) + "," + usageEntry(2, "advanced", 50, 5) + "]";
        assertThat(adaptor.credits(200, JSON, usageBatch(usageResult(list, true)))).isEqualTo(new Credits(900, 45, true));
        assertThat(adaptor.credits(200, JSON, usageBatch(usageResult(list, false)))).isEqualTo(new Credits(900, 0, false));
    }

    @Test
    void subscriberWithSingleEntryHasZeroAdvancedCredit() {
        assertThat(adaptor.credits(200, JSON, usageBatch(usageResult("[" + usageEntry(1, "standard", 10, 3) + "]", true))))
                .isEqualTo(new Credits(7, 0, true));
    }

    @Test
    void creditsNeverNegativeWhenUseExceedsTotal() {
        assertThat(adaptor.credits(200, JSON, usageBatch(usageResult("[" + usageEntry(1, "standard", 10, 12) + "]", false)))
                .standard()).isZero();
    }

    @Test
    void creditsFromEmptyUsageListIsDeadSession() {
        assertThat(failureOf(() -> adaptor.credits(200, JSON, usageBatch(usageResult("[]", false)))))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void creditsFromNonArrayUsageListIsDeadSession() {
        assertThat(failureOf(() -> adaptor.credits(200, JSON, usageBatch(usageResult("{}", false)))))
                .isEqualTo(FailureClass.DEAD_SESSION);
        assertThat(failureOf(() -> adaptor.credits(200, JSON, usageBatch(usageResult("null", false)))))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void creditsFromNotLoginBodyIsDeadSession() {
        assertThat(failureOf(() -> adaptor.credits(200, JSON, "{\"status\":-5,\"message\":\"not login\",\"data\":{}}")))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void creditsFromNonArrayJsonBodyIsDeadSession() {
        assertThat(failureOf(() -> adaptor.credits(200, JSON, "{\"result\":{\"data\":{\"json\":null}}}")))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void creditsFromNonArrayBodyNeverSucceeds() {
        failureOf(() -> adaptor.credits(200, JSON, "{\"result\":{\"data\":{\"json\":null}}}"));
        failureOf(() -> adaptor.credits(200, JSON, "\"hello\""));
        failureOf(() -> adaptor.credits(200, JSON, ""));
    }

    @Test
    void creditsFromShortBatchFails() {
        assertThat(failureOf(() -> adaptor.credits(200, JSON, "[{\"result\":{\"data\":{\"json\":{}}}}]"))).isNotNull();
    }

    @Test
    void creditsFromUnauthorizedErrorElementIsDeadSession() {
        assertThat(failureOf(() -> adaptor.credits(200, JSON,
                usageBatch(trpcError(-32001, "UNAUTHORIZED", 401, "UNAUTHORIZED")))))
                .isEqualTo(FailureClass.DEAD_SESSION);
        assertThat(failureOf(() -> adaptor.credits(401, JSON,
                "[" + trpcError(-32001, "UNAUTHORIZED", 401, "UNAUTHORIZED") + "]")))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void creditsFromForbiddenErrorElementIsNoCredit() {
        assertThat(failureOf(() -> adaptor.credits(403, JSON,
                "[" + trpcError(-32003, "FORBIDDEN", 403, "Forbidden") + "]")))
                .isEqualTo(FailureClass.NO_CREDIT);
    }

    @Test
    void multiStatusBatchWithFailedBotListStillYieldsUsage() {
        String body = "[" + trpcError(-32003, "FORBIDDEN", 403, "no bots") + ",{\"result\":{\"data\":{\"json\":null}}},"
                + usageResult("[" + usageEntry(1, "standard", 100, 40) + "]", false) + "]";
        assertThat(adaptor.credits(207, JSON, body)).isEqualTo(new Credits(60, 0, false));
    }

    @Test
    void multiStatusBatchWithFailedUsageIsClassifiedByTheElementsHttpStatus() {
        String unauthorized = "[{\"result\":{\"data\":{\"json\":{\"list\":[]}}}},{\"result\":{\"data\":{\"json\":null}}},"
                + trpcError(-32001, "UNAUTHORIZED", 401, "UNAUTHORIZED") + "]";
        assertThat(failureOf(() -> adaptor.credits(207, JSON, unauthorized))).isEqualTo(FailureClass.DEAD_SESSION);
        String forbidden = "[{\"result\":{\"data\":{\"json\":{\"list\":[]}}}},{\"result\":{\"data\":{\"json\":null}}},"
                + trpcError(-32003, "FORBIDDEN", 403, "credit used up") + "]";
        assertThat(failureOf(() -> adaptor.credits(207, JSON, forbidden))).isEqualTo(FailureClass.NO_CREDIT);
    }

    // ---- events

    @Test
    void doneMarkerIsDone() {
        assertThat(adaptor.event("[DONE]")).isEqualTo(HixEvent.DONE);
        assertThat(adaptor.event(" [DONE] ")).isInstanceOf(HixEvent.Done.class);
    }

    @Test
    void reasoningContentIsReasoning() {
        assertThat(adaptor.event("{\"reasoning_content\":\"Let me think\"}"))
                .isEqualTo(new HixEvent.Reasoning("Let me think"));
    }

    @Test
    void thinkingTimeIsThinkingDone() {
        assertThat(adaptor.event("{\"thinking_time\":3}")).isInstanceOf(HixEvent.ThinkingDone.class);
    }

    @Test
    void contentIsContentWithTextKeptVerbatim() {
        assertThat(adaptor.event("{\"content\":\" world\\n\"}")).isEqualTo(new HixEvent.Content(" world\n"));
        assertThat(adaptor.event("{\"content\":\"世界 😀\"}")).isEqualTo(new HixEvent.Content("世界 😀"));
    }

    @Test
    void otherJsonObjectsAreIgnored() {
        assertThat(adaptor.event("{\"id\":\"msg_1\"}")).isInstanceOf(HixEvent.Ignored.class);
        assertThat(adaptor.event("{\"related_questions\":[\"a\",\"b\"]}")).isInstanceOf(HixEvent.Ignored.class);
        assertThat(adaptor.event("{\"content\":null}")).isInstanceOf(HixEvent.Ignored.class);
        assertThat(adaptor.event("[1,2]")).isInstanceOf(HixEvent.Ignored.class);
        assertThat(adaptor.event("42")).isInstanceOf(HixEvent.Ignored.class);
    }

    @Test
    void invalidJsonIsIgnored() {
        assertThat(adaptor.event("{\"content\":")).isInstanceOf(HixEvent.Ignored.class);
        assertThat(adaptor.event("not json at all")).isInstanceOf(HixEvent.Ignored.class);
        assertThat(adaptor.event("")).isInstanceOf(HixEvent.Ignored.class);
    }

    @Test
    void notLoginEventIsDeadSession() {
        assertThat(failureOf(() -> adaptor.event("{\"status\":-5,\"message\":\"not login\",\"data\":{}}")))
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    // ---- classify: hix-protocol.md section 6

    @Test
    void http401IsDeadSession() {
        assertThat(adaptor.classify(401, null, JSON, "{\"message\":\"Unauthorized\"}").failureClass())
                .isEqualTo(FailureClass.DEAD_SESSION);
        assertThat(adaptor.classify(401, null, null, "").failureClass()).isEqualTo(FailureClass.DEAD_SESSION);
        assertThat(adaptor.classify(401, null, null, null).failureClass()).isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void trpcUnauthorizedErrorIsDeadSession() {
        String body = "[" + trpcError(-32001, "UNAUTHORIZED", 401, "UNAUTHORIZED") + "]";
        assertThat(adaptor.classify(401, null, JSON, body).failureClass()).isEqualTo(FailureClass.DEAD_SESSION);
        assertThat(adaptor.classify(200, null, JSON, body).failureClass()).isEqualTo(FailureClass.DEAD_SESSION);
        assertThat(adaptor.classify(500, null, JSON, trpcError(-32001, "UNAUTHORIZED", 401, "x")).failureClass())
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void notLoginStatusBodyIsDeadSession() {
        assertThat(adaptor.classify(200, null, JSON, "{\"status\":-5,\"message\":\"not login\",\"data\":{}}")
                .failureClass()).isEqualTo(FailureClass.DEAD_SESSION);
        assertThat(adaptor.classify(200, null, null, "{\"status\":-5,\"message\":\"not login\"}").failureClass())
                .isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void trpcForbiddenErrorIsNoCredit() {
        String body = "[" + trpcError(-32003, "FORBIDDEN", 403, "Insufficient credits") + "]";
        HixFailureException failure = adaptor.classify(403, null, JSON, body);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.NO_CREDIT);
        assertThat(failure.getMessage()).contains("Insufficient credits");
        assertThat(adaptor.classify(200, null, JSON, body).failureClass()).isEqualTo(FailureClass.NO_CREDIT);
    }

    @Test
    void http403WithJsonBodyIsNoCredit() {
        assertThat(adaptor.classify(403, null, JSON, "{\"message\":\"Forbidden\"}").failureClass())
                .isEqualTo(FailureClass.NO_CREDIT);
    }

    @Test
    void cloudflareChallengeByHeaderIsCloudflare() {
        assertThat(adaptor.classify(403, "challenge", HTML, "<html><body>wait</body></html>").failureClass())
                .isEqualTo(FailureClass.CLOUDFLARE);
        assertThat(adaptor.classify(403, "challenge", null, "").failureClass()).isEqualTo(FailureClass.CLOUDFLARE);
    }

    @Test
    void cloudflareChallengeByPageMarkerIsCloudflare() {
        assertThat(adaptor.classify(403, null, HTML, CHALLENGE_PAGE).failureClass()).isEqualTo(FailureClass.CLOUDFLARE);
        assertThat(adaptor.classify(403, null, null, "<script>window._cf_chl_opt={}</script>").failureClass())
                .isEqualTo(FailureClass.CLOUDFLARE);
        assertThat(adaptor.classify(200, null, null, "<script src=\"/cdn-cgi/challenge-platform/x\"></script>")
                .failureClass()).isEqualTo(FailureClass.CLOUDFLARE);
    }

    @Test
    void cloudflareChallengeWith503IsCloudflareNotTransient() {
        assertThat(adaptor.classify(503, "challenge", HTML, CHALLENGE_PAGE).failureClass())
                .isEqualTo(FailureClass.CLOUDFLARE);
        assertThat(adaptor.classify(503, null, HTML, CHALLENGE_PAGE).failureClass()).isEqualTo(FailureClass.CLOUDFLARE);
    }

    @Test
    void cloudflareBlockPageIsCloudflare() {
        assertThat(adaptor.classify(403, null, HTML, BLOCK_PAGE).failureClass()).isEqualTo(FailureClass.CLOUDFLARE);
        assertThat(adaptor.classify(200, null, HTML, BLOCK_PAGE).failureClass()).isEqualTo(FailureClass.CLOUDFLARE);
    }

    @Test
    void cloudflareIsNotWorthAnotherCookie() {
        assertThat(FailureClass.CLOUDFLARE.worthAnotherCookie()).isFalse();
        assertThat(FailureClass.REJECTED.worthAnotherCookie()).isFalse();
        assertThat(FailureClass.TRANSIENT.worthAnotherCookie()).isTrue();
        assertThat(FailureClass.DEAD_SESSION.worthAnotherCookie()).isTrue();
        assertThat(FailureClass.NO_CREDIT.worthAnotherCookie()).isTrue();
    }

    @Test
    void serverErrorsAndRateLimitAreTransient() {
        for (int status : new int[] {500, 502, 503, 504, 429}) {
            assertThat(adaptor.classify(status, null, HTML, "<html><body>Bad gateway</body></html>").failureClass())
                    .as("HTTP %d", status).isEqualTo(FailureClass.TRANSIENT);
            assertThat(adaptor.classify(status, null, JSON, "{\"message\":\"oops\"}").failureClass())
                    .as("HTTP %d", status).isEqualTo(FailureClass.TRANSIENT);
            assertThat(adaptor.classify(status, null, null, "").failureClass())
                    .as("HTTP %d", status).isEqualTo(FailureClass.TRANSIENT);
        }
    }

    @Test
    void htmlWhereJsonWasExpectedIsTransient() {
        assertThat(adaptor.classify(200, null, HTML, "<!DOCTYPE html><html><body>Hi</body></html>").failureClass())
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(adaptor.classify(200, null, null, "  <html><body>Hi</body></html>").failureClass())
                .isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void clientErrorsWithJsonAreRejected() {
        HixFailureException badRequest = adaptor.classify(400, null, JSON,
                "[" + trpcError(-32600, "BAD_REQUEST", 400, "Invalid input") + "]");
        assertThat(badRequest.failureClass()).isEqualTo(FailureClass.REJECTED);
        assertThat(badRequest.getMessage()).contains("Invalid input");
        assertThat(adaptor.classify(404, null, JSON, "{\"message\":\"Not found\"}").failureClass())
                .isEqualTo(FailureClass.REJECTED);
    }

    @Test
    void classifyMessagesNameTheStatusAndNeverTheBodyWhole() {
        assertThat(adaptor.classify(502, null, null, "").getMessage()).contains("502");
        assertThat(adaptor.classify(403, "challenge", HTML, CHALLENGE_PAGE).getMessage()).doesNotContain("<html");
    }

    @Test
    void eventOnNotLoginIsThrownNotReturned() {
        assertThatThrownBy(() -> adaptor.event("{\"message\":\"not login\"}"))
                .isInstanceOf(HixFailureException.class);
    }
}
