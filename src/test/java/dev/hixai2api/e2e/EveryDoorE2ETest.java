package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.e2e.Door.Streamed;
import dev.hixai2api.e2e.Door.Turn;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.Failure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Continuation, failover, attachments, hooks, metrics and limits through each front door: the engine behind
 * them is one, so every door must behave alike. The user's hook routes (as in CustomRoutesE2ETest) are loaded
 * so their header shows the hooks ran for each door.
 */
@TestPropertySource(properties = "ROUTES_DIR=src/test/resources/custom-routes")
class EveryDoorE2ETest extends GatewayTestSupport {

    private static final String MODEL = "gpt-4o-mini";
    /** A PNG signature and IHDR head, as in AttachmentE2ETest: enough for the gateway to tell its kind. */
    private static final byte[] PNG = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A,
            0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 48);

    @Autowired
    private MeterRegistry meters;

    static Stream<Arguments> doorsStreamedOrNot() {
        return Stream.of(Door.values()).flatMap(door -> Stream.of(Arguments.of(door, true), Arguments.of(door, false)));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void theNextTurnSentWhenTheStreamEndsContinuesTheSameChat(Door door) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Nice", " to meet you, Ada."));
        List<Turn> first = List.of(new Turn("user", "My name is Ada."));

        Streamed turn1 = stream(door, door.body(MODEL, true, first, null, null));
        HttpResponse<String> turn2 = post(door.path, door.body(MODEL, false, List.of(first.get(0),
                new Turn("assistant", turn1.text()), new Turn("user", "What is my name?")), null, null), null);

        assertThat(turn1.text()).isEqualTo("Nice to meet you, Ada.");
        assertThat(turn1.reason()).isEqualTo(door.endReason);
        assertThat(turn2.statusCode()).as(turn2.body()).isEqualTo(200);
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).extracting(ChatCall::question).containsExactly("My name is Ada.", "What is my name?");
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
        assertThat(SIMULATOR.chats()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("doorsStreamedOrNot")
    void aServerErrorFailsOverToTheSecondCookie(Door door, boolean stream) {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        SIMULATOR.answerWith(List.of("Served", " anyway"));
        SIMULATOR.failNext(Failure.SERVER_ERROR);
        double failovers = meters.get("hixai2api.failovers").functionCounter().count();

        HttpResponse<String> response = post(door.path, door.body(MODEL, stream, List.of(new Turn("user", "hi")), null, null), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        if (stream) {
            Streamed answer = door.read(response.body().lines().toList());
            assertThat(answer.text()).isEqualTo("Served anyway");
            assertThat(answer.ended()).isTrue();
        } else {
            assertThat(door.text(json(response.body()))).isEqualTo("Served anyway");
        }
        assertThat(SIMULATOR.chatCalls()).singleElement().satisfies(call -> assertThat(call.question()).isEqualTo("hi"));
        assertThat(meters.get("hixai2api.failovers").functionCounter().count()).isEqualTo(failovers + 1);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void aPngDataUriIsUploadedAndItsUrlSentWithTheQuestion(Door door) {
        seedCookie("tok-a", 100);
        String dataUri = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);

        HttpResponse<String> response = post(door.path,
                door.body(MODEL, false, List.of(new Turn("user", "What is in this picture?")), dataUri, null), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SIMULATOR.uploads().entrySet()).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).matches(".*/\\d{14}\\.png");
            assertThat(entry.getValue().bytes()).isEqualTo(PNG);
            assertThat(entry.getValue().contentType()).isEqualTo("image/png");
            assertThat(SIMULATOR.chatCalls()).singleElement().satisfies(call -> {
                assertThat(call.fileUrl()).isEqualTo(SIMULATOR.baseUrl() + "/upload/" + entry.getKey());
                assertThat(call.question()).isEqualTo("What is in this picture?");
            });
        });
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void theHookRoutesRunAroundTheAnswerAndSeeTheDoorsName(Door door) {
        long cookieId = seedCookie("tok-a", 100);

        HttpResponse<String> response = post(door.path, door.body(MODEL, false, List.of(new Turn("user", "hi")), null, null), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Front-Door")).hasValue(door.name);
        assertThat(response.headers().firstValue("X-Before-Hook")).hasValue("true");
        assertThat(response.headers().firstValue("X-Served-Model")).hasValue(MODEL);
        assertThat(response.headers().firstValue("X-Hook-Cookie")).hasValue(String.valueOf(cookieId));
    }

    @ParameterizedTest
    @MethodSource("doorsStreamedOrNot")
    void everyRequestCountsOnceInTheRequestMetric(Door door, boolean stream) {
        seedCookie("tok-a", 100);
        double before = requests();

        HttpResponse<String> response = post(door.path, door.body(MODEL, stream, List.of(new Turn("user", "hi")), null, null), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(requests()).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void threeMaxOutputTokensGiveThreeTokensWithTheDoorsLengthReasonAndTheChatGoesOn(Door door) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("one two", " three four", " five six"));
        List<Turn> first = List.of(new Turn("user", "Count"));

        JsonNode cut = json(post(door.path, door.body(MODEL, false, first, null, 3), null).body());
        HttpResponse<String> next = post(door.path, door.body(MODEL, false, List.of(first.get(0),
                new Turn("assistant", door.text(cut)), new Turn("user", "Go on")), null, null), null);

        assertThat(door.text(cut)).isEqualTo("one two three");
        assertThat(door.reason(cut)).isEqualTo(door.lengthReason);
        assertThat(door.outputTokens(cut)).isEqualTo(3);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        List<ChatCall> calls = SIMULATOR.chatCalls();
        assertThat(calls).extracting(ChatCall::question).containsExactly("Count", "Go on");
        assertThat(calls.get(1).chatId()).isEqualTo(calls.get(0).chatId());
    }

    private double requests() {
        return meters.get("hixai2api.requests").functionCounter().count();
    }

    private Streamed stream(Door door, String body) {
        HttpResponse<String> response = post(door.path, body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Streamed answer = door.read(response.body().lines().toList());
        assertThat(answer.ended()).as("the door's last event").isTrue();
        return answer;
    }
}
