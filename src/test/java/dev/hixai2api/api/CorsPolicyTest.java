package dev.hixai2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    @Test
    void aListAllowsItsOriginsByTheirOwnNameAndNoOther() {
        CorsPolicy policy = new CorsPolicy(List.of("http://127.0.0.1:5173", "HTTP://LOCALHOST:3000/"));

        assertThat(policy.allowOrigin("http://127.0.0.1:5173")).hasValue("http://127.0.0.1:5173");
        assertThat(policy.allowOrigin("http://localhost:3000")).hasValue("http://localhost:3000");
        assertThat(policy.allowOrigin("http://127.0.0.1:5174")).isEmpty();
        assertThat(policy.allowOrigin("https://127.0.0.1:5173")).isEmpty();
        assertThat(policy.allowOrigin("null")).isEmpty();
        assertThat(policy.variesByOrigin()).isTrue();
        assertThat(policy.off()).isFalse();
    }

    @Test
    void theWildcardAllowsEveryOriginAsAStar() {
        CorsPolicy policy = new CorsPolicy(List.of("*"));

        assertThat(policy.allowOrigin("http://127.0.0.1:5173")).hasValue("*");
        assertThat(policy.allowOrigin("null")).hasValue("*");
        assertThat(policy.variesByOrigin()).isFalse();
    }

    @Test
    void noOriginsIsOff() {
        CorsPolicy policy = new CorsPolicy(List.of());

        assertThat(policy.off()).isTrue();
        assertThat(policy.allowOrigin("http://127.0.0.1:5173")).isEmpty();
        assertThat(policy.variesByOrigin()).isFalse();
    }

    @Test
    void onlyListsOfHeaderNamesAreEchoed() {
        CorsPolicy policy = new CorsPolicy(List.of("*"));

        assertThat(policy.allowHeaders("authorization, content-type,x-stainless-os, anthropic-version"))
                .hasValue("authorization, content-type,x-stainless-os, anthropic-version");
        assertThat(policy.allowHeaders("x-api-key")).hasValue("x-api-key");
        assertThat(policy.allowHeaders(null)).isEmpty();
        assertThat(policy.allowHeaders("")).isEmpty();
        assertThat(policy.allowHeaders("authorization, bad header")).isEmpty();
        assertThat(policy.allowHeaders("authorization,,content-type")).isEmpty();
        assertThat(policy.allowHeaders("x-a\u00e9")).isEmpty();
    }

    @Test
    void theApisMethodsOnly() {
        CorsPolicy policy = new CorsPolicy(List.of("*"));

        assertThat(List.of("GET", "POST", "OPTIONS")).allMatch(policy::allowsMethod);
        assertThat(List.of("DELETE", "PUT", "PATCH", "post", "")).noneMatch(policy::allowsMethod);
        assertThat(policy.allowsMethod(null)).isFalse();
    }
}
