package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import dev.hixai2api.e2e.Door.Streamed;
import dev.hixai2api.e2e.Door.Turn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.context.TestPropertySource;

/**
 * STREAM_KEEPALIVE through each front door: while HixAI is slow every stream gets comment lines, then its whole
 * answer. The properties are StreamKeepaliveE2ETest's, so both share one application context.
 */
@TestPropertySource(properties = {"STREAM_KEEPALIVE=300ms", "UPSTREAM_FIRST_BYTE_TIMEOUT=2s",
        "UPSTREAM_IDLE_TIMEOUT=1500ms", "MAX_ATTEMPTS=3"})
class EveryDoorKeepaliveE2ETest extends GatewayTestSupport {

    @ParameterizedTest
    @EnumSource(Door.class)
    void aSlowHixAiGetsCommentLinesBeforeTheFirstEventThenACompleteStream(Door door) {
        seedCookie("tok-a", 100);
        SIMULATOR.answerWith(List.of("Worth", " the wait"));
        SIMULATOR.createChatDelayMillis(1_000);

        HttpResponse<String> response = post(door.path,
                door.body("gpt-4o-mini", true, List.of(new Turn("user", "hi")), null, null), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        List<String> head = lines.subList(0, firstEvent(lines));
        assertThat(head).as("only comments and their blank lines before the first event").containsOnly(": keep-alive", "");
        assertThat(head).as("about 300, 600 and 900 ms into the 1 s createChat").filteredOn(": keep-alive"::equals)
                .hasSizeBetween(2, 4);
        Streamed answer = door.read(lines);
        assertThat(answer.text()).isEqualTo("Worth the wait");
        assertThat(answer.reason()).isEqualTo(door.endReason);
        assertThat(answer.ended()).as("the door's last event").isTrue();
    }

    private static int firstEvent(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("data: ") || lines.get(i).startsWith("event: ")) {
                return i;
            }
        }
        return lines.size();
    }
}
