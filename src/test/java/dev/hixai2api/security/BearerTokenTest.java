package dev.hixai2api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void bearerPrefixIsRemoved() {
        assertThat(BearerToken.of("Bearer sk-123")).isEqualTo("sk-123");
    }

    @Test
    void bearerPrefixIsCaseInsensitive() {
        assertThat(BearerToken.of("bearer sk-123")).isEqualTo("sk-123");
        assertThat(BearerToken.of("BEARER sk-123")).isEqualTo("sk-123");
        assertThat(BearerToken.of("BeArEr sk-123")).isEqualTo("sk-123");
    }

    @Test
    void surroundingAndInnerWhitespaceIsTrimmed() {
        assertThat(BearerToken.of("  Bearer   sk-123  ")).isEqualTo("sk-123");
    }

    @Test
    void bareKeyIsKept() {
        assertThat(BearerToken.of("sk-123")).isEqualTo("sk-123");
        assertThat(BearerToken.of(" sk-123 ")).isEqualTo("sk-123");
    }

    @Test
    void keyThatMerelyStartsWithBearerIsKept() {
        assertThat(BearerToken.of("Bearerish-key")).isEqualTo("Bearerish-key");
    }

    @Test
    void nullOrBlankIsEmpty() {
        assertThat(BearerToken.of(null)).isEmpty();
        assertThat(BearerToken.of("")).isEmpty();
        assertThat(BearerToken.of("   ")).isEmpty();
    }

    @Test
    void bearerPrefixWithoutCredentialIsEmpty() {
        assertThat(BearerToken.of("Bearer")).isEmpty();
        assertThat(BearerToken.of("Bearer   ")).isEmpty();
    }
}
