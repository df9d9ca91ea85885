package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.hixai2api.simulator.ModelBehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Import;

/**
 * Response formats through the engine, with the line dialect of {@link EngineFrontDoorE2ETest} (same context),
 * which reads OpenAI's response_format: the JSON is taken out of the answer and checked, held whole when
 * streamed, a miss gets one corrective turn, and a strict schema still missed is a 502.
 */
@Import(EngineFrontDoorE2ETest.LinesDoorConfiguration.class)
class ResponseFormatE2ETest extends GatewayTestSupport {

    private static final String PERSON = "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"person\",\"strict\":"
            + "true,\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":"
            + "{\"type\":\"integer\"}},\"required\":[\"name\",\"age\"]}}}";

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aJsonObjectAnswerIsTheJsonAloneInOnePiece(boolean stream) {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/test-lines", body("Tell me about Ada", stream,
                "{\"type\":\"json_object\"}"), null);

        assertThat(response.body()).isEqualTo("T:{\"answer\":\"Tell me about Ada\"}\nE:END_TURN|null\n");
        assertThat(SIMULATOR.chatCalls().get(0).question()).contains("one JSON object and nothing else");
    }

    @Test
    void aSchemaAnswerMeetsTheSchema() {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/test-lines", body("Ada is 36", false, PERSON), null);

        assertThat(response.body()).isEqualTo("T:{\"name\":\"Ada\",\"age\":36}\nE:END_TURN|null\n");
        assertThat(SIMULATOR.chatCalls()).hasSize(1);
        assertThat(SIMULATOR.chatCalls().get(0).question()).contains("<schema>", "\"required\":[\"name\",\"age\"]");
    }

    @Test
    void aMissGetsOneCorrectiveTurnInTheSameChat() {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.INVALID_ONCE);

        HttpResponse<String> response = post("/v1/test-lines", body("Ada is 36", true, PERSON), null);

        assertThat(response.body()).isEqualTo("T:{\"name\":\"Ada\",\"age\":36}\nE:END_TURN|null\n");
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
        assertThat(SIMULATOR.chatCalls().get(1).chatId()).isEqualTo(SIMULATOR.chatCalls().get(0).chatId());
        assertThat(SIMULATOR.chatCalls().get(1).question())
                .startsWith("Your last answer does not meet the required answer format").contains("name", "age");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aStrictSchemaStillMissedIsAnUpstreamError(boolean stream) {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.INVALID_ALWAYS);

        HttpResponse<String> response = post("/v1/test-lines", body("Ada is 36", stream, PERSON), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("ERR:UPSTREAM:response_format_unmet");
        assertThat(SIMULATOR.chatCalls()).hasSize(2);
    }

    @Test
    void aFormatThatIsNotStrictStillMissedIsTheAnswerAsItCame() {
        seedCookie("tok-a", 100);
        SIMULATOR.behaviour(ModelBehaviour.INVALID_ALWAYS);

        HttpResponse<String> response = post("/v1/test-lines", body("Ada", false, "{\"type\":\"json_object\"}"),
                null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("T:Sorry, no JSON today.\nE:END_TURN|null\n");
    }

    @Test
    void theNextTurnContinuesTheChatWithTheJsonTheClientGot() {
        seedCookie("tok-a", 100);
        post("/v1/test-lines", body("Ada is 36", false, PERSON), null);

        post("/v1/test-lines", "{\"model\":\"gpt-4o-mini\",\"messages\":[\"user:Ada is 36\","
                + "\"assistant:{\\\"name\\\":\\\"Ada\\\",\\\"age\\\":36}\",\"user:thanks\"]}", null);

        assertThat(SIMULATOR.chatCalls()).hasSize(2);
        assertThat(SIMULATOR.chatCalls().get(1).chatId()).isEqualTo(SIMULATOR.chatCalls().get(0).chatId());
        assertThat(SIMULATOR.chatCalls().get(1).question()).isEqualTo("thanks");
    }

    private static String body(String userText, boolean stream, String format) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[\"user:" + userText + "\"],\"stream\":" + stream
                + ",\"response_format\":" + format + "}";
    }
}
