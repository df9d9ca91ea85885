package dev.hixai2api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static int revealed(String masked) {
        return masked.replace("…", "").length();
    }

    @Test
    void maskShowsAtMostFourCharactersOnEachSide() {
        String secret = "sk-abcdefghijklmnopqrstuvwxyz0123456789f3c";
        String masked = Secrets.mask(secret);
        assertThat(masked).isEqualTo("sk-a…9f3c");
        assertThat(masked).doesNotContain(secret);
    }

    @Test
    void maskNeverRevealsMoreThanEightCharactersNorTheWholeSecret() {
        StringBuilder secret = new StringBuilder();
        for (int length = 1; length <= 200; length++) {
            secret.append((char) ('a' + length % 26));
            String masked = Secrets.mask(secret.toString());
            assertThat(revealed(masked)).as("length %d", length).isLessThanOrEqualTo(8);
            assertThat(revealed(masked)).as("length %d", length).isLessThan(length);
            assertThat(masked).contains("…");
        }
    }

    @Test
    void maskedEdgesComeFromTheSecret() {
        String secret = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abcdXYZ9";
        String masked = Secrets.mask(secret);
        String[] parts = masked.split("…", -1);
        assertThat(parts).hasSize(2);
        assertThat(secret).startsWith(parts[0]).endsWith(parts[1]);
    }

    @Test
    void shortSecretsAreFullyMasked() {
        assertThat(Secrets.mask("a")).isEqualTo("…");
        assertThat(Secrets.mask("secret")).isEqualTo("…");
        assertThat(Secrets.mask("12345678")).isEqualTo("…");
    }

    @Test
    void emptyOrNullSecretMasksToEmpty() {
        assertThat(Secrets.mask(null)).isEmpty();
        assertThat(Secrets.mask("")).isEmpty();
    }

    @Test
    void constantTimeEqualsComparesValues() {
        assertThat(Secrets.constantTimeEquals("sk-123", "sk-123")).isTrue();
        assertThat(Secrets.constantTimeEquals("sk-123", "sk-124")).isFalse();
        assertThat(Secrets.constantTimeEquals("sk-123", "sk-1234")).isFalse();
        assertThat(Secrets.constantTimeEquals("", "")).isTrue();
        assertThat(Secrets.constantTimeEquals("", "x")).isFalse();
        assertThat(Secrets.constantTimeEquals("SK-123", "sk-123")).isFalse();
    }

    @Test
    void constantTimeEqualsIsFalseForNull() {
        assertThat(Secrets.constantTimeEquals(null, "x")).isFalse();
        assertThat(Secrets.constantTimeEquals("x", null)).isFalse();
        assertThat(Secrets.constantTimeEquals(null, null)).isFalse();
    }

    @Test
    void sha256HexIsTheStandardDigest() {
        assertThat(Secrets.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.sha256("abc")).hasSize(32);
    }
}
