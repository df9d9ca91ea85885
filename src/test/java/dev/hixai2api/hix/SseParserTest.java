package dev.hixai2api.hix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseParserTest {

    private static final String STREAM = "data: {\"reasoning_content\":\"Let me think\"}\n\n"
            + "data: {\"thinking_time\":3}\n\n"
            + "data: {\"content\":\"Hello\"}\n\n"
            + "data: [DONE]\n\n";

    private static final List<String> EVENTS = List.of(
            "{\"reasoning_content\":\"Let me think\"}", "{\"thinking_time\":3}", "{\"content\":\"Hello\"}", "[DONE]");

    /** Feeds the bytes in pieces cut at the given positions, then finishes. */
    private static List<String> parse(byte[] bytes, int... cuts) {
        SseParser parser = new SseParser();
        List<String> events = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parser.feed(bytes, from, cut - from, events::add);
            from = cut;
        }
        parser.feed(bytes, from, bytes.length - from, events::add);
        parser.finish(events::add);
        return events;
    }

    private static List<String> parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wholeStreamInOneFeedYieldsEveryEventData() {
        assertThat(parse(STREAM)).containsExactlyElementsOf(EVENTS);
    }

    @Test
    void eventsSplitAtEveryBytePositionStillYieldWholeEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(parse(bytes, cut)).as("cut at %d", cut).containsExactlyElementsOf(EVENTS);
        }
    }

    @Test
    void oneByteFeedsYieldWholeEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(parse(bytes, cuts)).containsExactlyElementsOf(EVENTS);
    }

    @Test
    void crlfLineEndsAndSplitReadsStillYieldWholeEvents() {
        byte[] bytes = STREAM.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(parse(bytes, cut)).as("cut at %d", cut).containsExactlyElementsOf(EVENTS);
        }
    }

    @Test
    void crLineEndsYieldWholeEvents() {
        byte[] bytes = STREAM.replace("\n", "\r").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(parse(bytes, cut)).as("cut at %d", cut).containsExactlyElementsOf(EVENTS);
        }
    }

    @Test
    void crlfSplitBetweenCrAndLfDoesNotEndAnExtraLine() {
        byte[] bytes = "data: a\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        // cut right after the first \r: the \n arriving in the next feed belongs to the same line end
        assertThat(parse(bytes, 8)).containsExactly("a\nb");
    }

    @Test
    void mixedLineEndsYieldWholeEvents() {
        assertThat(parse("data: one\r\n\ndata: two\r\rdata: three\n\r\n")).containsExactly("one", "two", "three");
    }

    @Test
    void commentsAndEventAndIdLinesAreIgnored() {
        String text = ": keep-alive\n\n"
                + "event: message\nid: 42\nretry: 1000\ndata: {\"content\":\"x\"}\n: inline comment\n\n"
                + ":\n\n";
        assertThat(parse(text)).containsExactly("{\"content\":\"x\"}");
    }

    @Test
    void eventWithoutDataLineIsNotDelivered() {
        assertThat(parse("event: ping\nid: 1\n\n\n\n")).isEmpty();
    }

    @Test
    void multiLineDataIsJoinedWithLineFeed() {
        assertThat(parse("data: first\ndata: second\ndata:third\n\n")).containsExactly("first\nsecond\nthird");
    }

    @Test
    void dataWithAndWithoutSpaceAfterColonAreBothRead() {
        assertThat(parse("data:{\"content\":\"a\"}\n\ndata: {\"content\":\"b\"}\n\n"))
                .containsExactly("{\"content\":\"a\"}", "{\"content\":\"b\"}");
    }

    @Test
    void onlyOneSpaceAfterColonIsRemoved() {
        assertThat(parse("data:  indented\n\n")).containsExactly(" indented");
    }

    @Test
    void emptyDataLineYieldsEmptyEvent() {
        assertThat(parse("data:\n\n")).containsExactly("");
    }

    @Test
    void utf8MultibyteCharactersSplitAcrossFeedsAreDecodedWhole() {
        String text = "data: {\"content\":\"héllo 世界 😀\"}\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(parse(bytes, cut)).as("cut at %d", cut).containsExactly("{\"content\":\"héllo 世界 😀\"}");
        }
        int[] every = new int[bytes.length - 1];
        for (int i = 0; i < every.length; i++) {
            every[i] = i + 1;
        }
        assertThat(parse(bytes, every)).containsExactly("{\"content\":\"héllo 世界 😀\"}");
    }

    @Test
    void finishDeliversLastEventWithoutTrailingBlankLine() {
        assertThat(parse("data: {\"content\":\"a\"}\n\ndata: [DONE]")).containsExactly("{\"content\":\"a\"}", "[DONE]");
        assertThat(parse("data: [DONE]\n")).containsExactly("[DONE]");
    }

    @Test
    void eventIsDeliveredOnlyWhenItsBlankLineArrives() {
        SseParser parser = new SseParser();
        List<String> events = new ArrayList<>();
        byte[] first = "data: a\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(first, 0, first.length, events::add);
        assertThat(events).isEmpty();
        byte[] blank = "\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(blank, 0, blank.length, events::add);
        assertThat(events).containsExactly("a");
    }

    @Test
    void feedHonoursOffsetAndLength() {
        byte[] bytes = "xxdata: a\n\nyy".getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<String> events = new ArrayList<>();
        parser.feed(bytes, 2, bytes.length - 4, events::add);
        parser.finish(events::add);
        assertThat(events).containsExactly("a");
    }

    @Test
    void finishWithNothingPendingDeliversNothing() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("data: a\n\n")).containsExactly("a");
    }
}
