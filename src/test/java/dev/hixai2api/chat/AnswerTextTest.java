package dev.hixai2api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.hixai2api.hix.HixEvent;
import org.junit.jupiter.api.Test;

class AnswerTextTest {

    private static final List<HixEvent> REASONING_ANSWER = List.of(
            new HixEvent.Reasoning("Let me think"), new HixEvent.Reasoning(" about it."), HixEvent.THINKING_DONE,
            new HixEvent.Content("Hello"), new HixEvent.Content(" world"));

    /** Every non-null delta, then finish()'s if any. */
    private static List<String> emitted(AnswerText answer, List<HixEvent> events) {
        List<String> deltas = new ArrayList<>();
        for (HixEvent event : events) {
            String delta = answer.delta(event);
            if (delta != null) {
                deltas.add(delta);
            }
        }
        String closing = answer.finish();
        if (closing != null) {
            deltas.add(closing);
        }
        return deltas;
    }

    @Test
    void reasoningIsWrappedInThinkBlockBeforeContent() {
        AnswerText answer = new AnswerText(false);
        assertThat(emitted(answer, REASONING_ANSWER))
                .containsExactly("<think>\nLet me think", " about it.", "\n</think>\n\n", "Hello", " world");
        assertThat(answer.text()).isEqualTo("<think>\nLet me think about it.\n</think>\n\nHello world");
    }

    @Test
    void contentWithoutThinkingTimeStillClosesTheThinkBlock() {
        AnswerText answer = new AnswerText(false);
        assertThat(emitted(answer, List.of(new HixEvent.Reasoning("hmm"), new HixEvent.Content("Hi"))))
                .containsExactly("<think>\nhmm", "\n</think>\n\nHi");
        assertThat(answer.text()).isEqualTo("<think>\nhmm\n</think>\n\nHi");
    }

    @Test
    void reasoningIsHiddenWhenHideReasoning() {
        AnswerText answer = new AnswerText(true);
        assertThat(emitted(answer, REASONING_ANSWER)).containsExactly("Hello", " world");
        assertThat(answer.text()).isEqualTo("Hello world");
    }

    @Test
    void hiddenReasoningYieldsNullDeltas() {
        AnswerText answer = new AnswerText(true);
        assertThat(answer.delta(new HixEvent.Reasoning("secret"))).isNull();
        assertThat(answer.delta(HixEvent.THINKING_DONE)).isNull();
        assertThat(answer.finish()).isNull();
        assertThat(answer.text()).isEmpty();
    }

    @Test
    void thinkBlockStillOpenAtFinishIsClosed() {
        AnswerText answer = new AnswerText(false);
        assertThat(answer.delta(new HixEvent.Reasoning("unfinished"))).isEqualTo("<think>\nunfinished");
        assertThat(answer.finish()).isEqualTo("\n</think>\n\n");
        assertThat(answer.text()).isEqualTo("<think>\nunfinished\n</think>\n\n");
        assertThat(answer.finish()).isNull();
    }

    @Test
    void contentOnlyAnswerHasNoThinkBlock() {
        AnswerText answer = new AnswerText(false);
        assertThat(emitted(answer, List.of(new HixEvent.Content("Hello"), new HixEvent.Content(" world"))))
                .containsExactly("Hello", " world");
        assertThat(answer.text()).isEqualTo("Hello world");
    }

    @Test
    void thinkingDoneWithoutReasoningAddsNothing() {
        AnswerText answer = new AnswerText(false);
        assertThat(answer.delta(HixEvent.THINKING_DONE)).isNull();
        assertThat(answer.delta(new HixEvent.Content("Hi"))).isEqualTo("Hi");
        assertThat(answer.text()).isEqualTo("Hi");
    }

    @Test
    void doneAndIgnoredEventsAddNothing() {
        AnswerText answer = new AnswerText(false);
        assertThat(answer.delta(HixEvent.IGNORED)).isNull();
        assertThat(answer.delta(HixEvent.DONE)).isNull();
        assertThat(answer.text()).isEmpty();
    }

    @Test
    void textIsExactlyTheConcatenationOfEmittedDeltas() {
        for (boolean hide : new boolean[] {false, true}) {
            AnswerText answer = new AnswerText(hide);
            List<HixEvent> events = List.of(new HixEvent.Reasoning("a"), HixEvent.IGNORED, new HixEvent.Reasoning("b"),
                    HixEvent.THINKING_DONE, HixEvent.THINKING_DONE, new HixEvent.Content("c"), new HixEvent.Content("d"));
            assertThat(String.join("", emitted(answer, events))).isEqualTo(answer.text());
        }
    }
}
