package dev.hixai2api.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCounterTest {

    @Test
    void textCountsMoreThanZeroTokens() {
        assertThat(TokenCounter.count("Hello, world!")).isPositive();
        assertThat(TokenCounter.count("你好，世界")).isPositive();
        assertThat(TokenCounter.count("a")).isEqualTo(1);
    }

    @Test
    void longerTextCountsMoreTokens() {
        assertThat(TokenCounter.count("Hello world. ".repeat(20))).isGreaterThan(TokenCounter.count("Hello world."));
    }

    @Test
    void emptyAndNullCountZero() {
        assertThat(TokenCounter.count("")).isZero();
        assertThat(TokenCounter.count(null)).isZero();
    }

    @Test
    void usageTotalIsPromptPlusCompletion() {
        Usage usage = Usage.of("What is the capital of France?", "Paris is the capital.");
        assertThat(usage.inputTokens()).isEqualTo(TokenCounter.count("What is the capital of France?"));
        assertThat(usage.outputTokens()).isEqualTo(TokenCounter.count("Paris is the capital."));
        assertThat(usage.inputTokens()).isPositive();
        assertThat(usage.outputTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    }

    @Test
    void usageOfEmptyCompletionCountsOnlyThePrompt() {
        Usage usage = Usage.of("Hi", "");
        assertThat(usage.outputTokens()).isZero();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens());
    }

    @Test
    void usagesAddUpAnswerByAnswer() {
        Usage first = Usage.of("What is the capital of France?", "Paris is the capital.");
        Usage followUp = Usage.of("And of Italy?", "Rome.");
        Usage both = new Usage(0, 0).plus(first).plus(followUp);
        assertThat(both.inputTokens())
                .isEqualTo(TokenCounter.count("What is the capital of France?") + TokenCounter.count("And of Italy?"));
        assertThat(both.outputTokens())
                .isEqualTo(TokenCounter.count("Paris is the capital.") + TokenCounter.count("Rome."));
        assertThat(both).isEqualTo(new Usage(both.inputTokens(), both.outputTokens()));
    }
}
