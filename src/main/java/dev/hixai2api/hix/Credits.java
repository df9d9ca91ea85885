package dev.hixai2api.hix;

/** What HixAI's usage call says an account can still spend. */
public record Credits(int standard, int advanced, boolean activeSub) {
}
