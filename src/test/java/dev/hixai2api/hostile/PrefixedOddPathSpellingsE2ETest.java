package dev.hixai2api.hostile;

import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import org.springframework.test.context.TestPropertySource;

/** The odd spellings of the prefixed OpenAI paths (ROUTE_PREFIX=hf). */
@TestPropertySource(properties = "ROUTE_PREFIX=hf")
class PrefixedOddPathSpellingsE2ETest extends OddPathSpellingsSupport {

    @Override
    String openAiBase() {
        return "/hf/v1";
    }

    static Stream<Arguments> cases() {
        return withoutAndWithAWrongCredential(Stream.of(
                chat("/hf/v1/chat/completions"),
                chat("/hf;x=1/v1/chat/completions"),
                chat("/hf/v1;x=1/chat/completions"),
                chat("/%68%66/%76%31/chat/completions"),
                chat("//hf//v1/chat/completions"),
                chat("/hf/./v1/chat/completions"),
                chat("/x/../hf/v1/chat/completions"),
                chat("/hf/x/../v1/chat/completions"),
                notRouted("/HF/v1/chat/completions"),
                notRouted("/v1/chat/completions"),
                admin("PUT", "/api;a=b/key"),
                admin("PUT", "/hf/../api/key")));
    }

    static Stream<String> oddButRoutedChatPaths() {
        return Stream.of("/hf;x=1/v1/chat/completions", "/%68%66/v1/chat/completions");
    }
}
