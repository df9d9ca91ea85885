package dev.hixai2api.hostile;

import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** The odd spellings without ROUTE_PREFIX (this context is the one most end-to-end tests share). */
class OddPathSpellingsE2ETest extends OddPathSpellingsSupport {

    @Override
    String openAiBase() {
        return "/v1";
    }

    static Stream<Arguments> cases() {
        return withoutAndWithAWrongCredential(Stream.of(
                chat("/v1/chat/completions"),
                chat("/v1;x=1/chat/completions"),
                chat("/v1/chat/completions;x=1"),
                chat("/%76%31/chat/completions"),
                chat("/v1/%63hat/completions"),
                chat("//v1/chat/completions"),
                chat("/v1//chat/completions"),
                chat("/v1/./chat/completions"),
                chat("/x/../v1/chat/completions"),
                chat("/x/%2e%2e/v1/chat/completions"),
                notRouted("/V1/chat/completions"),
                chat("/v1/Chat/Completions"),
                admin("PUT", "/api;a=b/key"),
                admin("PUT", "/%61pi/key"),
                admin("PUT", "//api/key"),
                admin("PUT", "/api/./cookie"),
                admin("PUT", "/x/../api/cookie"),
                admin("POST", "/api;a=b/auth/verify")));
    }

    static Stream<String> oddButRoutedChatPaths() {
        return Stream.of("/v1;x=1/chat/completions", "/%76%31/chat/completions");
    }
}
