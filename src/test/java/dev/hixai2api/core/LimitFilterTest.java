package dev.hixai2api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LimitFilterTest {

    private static String run(LimitFilter filter, String... pieces) {
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            out.append(filter.accept(piece));
            if (filter.stopped()) {
                return out.toString();
            }
        }
        return out.append(filter.finish()).toString();
    }

    @Test
    void withoutLimitsEveryPieceLeavesAtOnce() {
        LimitFilter filter = new LimitFilter(Limits.NONE);
        assertThat(filter.accept("Hello ")).isEqualTo("Hello ");
        assertThat(filter.accept("world")).isEqualTo("world");
        assertThat(filter.finish()).isEmpty();
        assertThat(filter.reason()).isEqualTo(StopReason.END_TURN);
        assertThat(filter.stopSequence()).isNull();
    }

    @Test
    void aStopSequenceSpanningTwoPiecesCutsBeforeIt() {
        LimitFilter filter = new LimitFilter(new Limits(null, List.of("STOP")));
        assertThat(filter.accept("one two ST")).as("the tail that may start the sequence waits").isEqualTo("one two");
        assertThat(filter.accept("OP three")).isEqualTo(" ");
        assertThat(filter.stopped()).isTrue();
        assertThat(filter.reason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(filter.stopSequence()).isEqualTo("STOP");
        assertThat(filter.accept("more")).isEmpty();
    }

    @Test
    void theEarliestOfSeveralStopSequencesWins() {
        LimitFilter filter = new LimitFilter(new Limits(null, List.of("\n\n", "END")));
        assertThat(run(filter, "a", "bEND c\n\nd")).isEqualTo("ab");
        assertThat(filter.stopSequence()).isEqualTo("END");
    }

    @Test
    void aHeldTailThatNeverBecomesTheSequenceLeavesAtTheEnd() {
        LimitFilter filter = new LimitFilter(new Limits(null, List.of("STOP")));
        assertThat(run(filter, "it is ST", "ILL here ST")).isEqualTo("it is STILL here ST");
        assertThat(filter.reason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void maxOutputTokensCutsAtThatManyTokens() {
        LimitFilter filter = new LimitFilter(new Limits(3, List.of()));
        String out = run(filter, "one two", " three four five");
        assertThat(TokenCounter.count(out)).isEqualTo(3);
        assertThat(out).isEqualTo("one two three");
        assertThat(filter.reason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(filter.stopSequence()).isNull();
    }

    @Test
    void anAnswerWithinTheTokenLimitIsWhole() {
        LimitFilter filter = new LimitFilter(new Limits(50, List.of("never")));
        assertThat(run(filter, "short ", "answer")).isEqualTo("short answer");
        assertThat(filter.reason()).isEqualTo(StopReason.END_TURN);
    }
}
