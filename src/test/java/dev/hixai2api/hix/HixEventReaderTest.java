package dev.hixai2api.hix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HixEventReaderTest {

    private static final String REASONING_ANSWER = "data: {\"reasoning_content\":\"Let me think\"}\n\n"
            + "data: {\"reasoning_content\":\" about it.\"}\n\n"
            + "data: {\"thinking_time\":3}\n\n"
            + "data: {\"content\":\"Hello\"}\n\n"
            + "data: {\"content\":\" world\"}\n\n"
            + "data: [DONE]\n\n";

    private final HixAdaptor adaptor = new HixAdaptor(new ObjectMapper());

    /** Counts closes and hands out at most one byte per read. */
    private static final class TrickleStream extends FilterInputStream {
        int closes;
        final int perRead;

        TrickleStream(byte[] bytes, int perRead) {
            super(new ByteArrayInputStream(bytes));
            this.perRead = perRead;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, perRead));
        }

        @Override
        public void close() throws IOException {
            closes++;
            super.close();
        }
    }

    private static TrickleStream stream(String text, int perRead) {
        return new TrickleStream(text.getBytes(StandardCharsets.UTF_8), perRead);
    }

    private static List<HixEvent> readAll(HixEventReader reader) {
        List<HixEvent> events = new ArrayList<>();
        HixEvent event;
        do {
            event = reader.next();
            events.add(event);
        } while (!(event instanceof HixEvent.Done));
        return events;
    }

    private static final List<HixEvent> EXPECTED = List.of(
            new HixEvent.Reasoning("Let me think"), new HixEvent.Reasoning(" about it."), HixEvent.THINKING_DONE,
            new HixEvent.Content("Hello"), new HixEvent.Content(" world"), HixEvent.DONE);

    @Test
    void yieldsReasoningThinkingDoneContentThenDone() {
        HixEventReader reader = new HixEventReader(
                new ByteArrayInputStream(REASONING_ANSWER.getBytes(StandardCharsets.UTF_8)), adaptor);
        assertThat(readAll(reader)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void oneByteReadsYieldTheSameEvents() {
        TrickleStream upstream = stream(REASONING_ANSWER, 1);
        assertThat(readAll(new HixEventReader(upstream, adaptor))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void crlfStreamYieldsTheSameEvents() {
        TrickleStream upstream = stream(REASONING_ANSWER.replace("\n", "\r\n"), 3);
        assertThat(readAll(new HixEventReader(upstream, adaptor))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void ignoredEventsAreSkipped() {
        String text = "data: {\"id\":\"m1\"}\n\n: ping\n\ndata: not json\n\ndata: {\"content\":\"A\"}\n\n"
                + "data: {\"related\":[\"q\"]}\n\ndata: [DONE]\n\n";
        HixEventReader reader = new HixEventReader(stream(text, 1), adaptor);
        assertThat(readAll(reader)).containsExactly(new HixEvent.Content("A"), HixEvent.DONE);
    }

    @Test
    void doneIsReturnedAgainAfterTheEndAndUpstreamIsClosedOnce() {
        TrickleStream upstream = stream("data: {\"content\":\"A\"}\n\ndata: [DONE]\n\n", 1000);
        HixEventReader reader = new HixEventReader(upstream, adaptor);
        readAll(reader);
        assertThat(reader.next()).isInstanceOf(HixEvent.Done.class);
        assertThat(reader.next()).isInstanceOf(HixEvent.Done.class);
        reader.close();
        assertThat(upstream.closes).isEqualTo(1);
    }

    @Test
    void doneWithoutTrailingBlankLineStillEndsTheAnswer() {
        HixEventReader reader = new HixEventReader(stream("data: {\"content\":\"A\"}\n\ndata: [DONE]", 4), adaptor);
        assertThat(readAll(reader)).containsExactly(new HixEvent.Content("A"), HixEvent.DONE);
    }

    @Test
    void streamEndingWithoutDoneIsTransient() {
        TrickleStream upstream = stream("data: {\"content\":\"Hel\"}\n\ndata: {\"content\":\"lo\"}\n\n", 5);
        HixEventReader reader = new HixEventReader(upstream, adaptor);
        assertThat(reader.next()).isEqualTo(new HixEvent.Content("Hel"));
        assertThat(reader.next()).isEqualTo(new HixEvent.Content("lo"));
        HixFailureException failure = catchThrowableOfType(reader::next, HixFailureException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(upstream.closes).isEqualTo(1);
    }

    @Test
    void emptyStreamIsTransient() {
        HixEventReader reader = new HixEventReader(new ByteArrayInputStream(new byte[0]), adaptor);
        HixFailureException failure = catchThrowableOfType(reader::next, HixFailureException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void streamOfOnlyIgnoredEventsEndingWithoutDoneIsTransient() {
        HixEventReader reader = new HixEventReader(stream("data: {\"id\":1}\n\ndata: {\"id\":2}", 100), adaptor);
        HixFailureException failure = catchThrowableOfType(reader::next, HixFailureException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void ioExceptionFromReadIsTransientAndClosesUpstream() {
        byte[] first = "data: {\"content\":\"A\"}\n\n".getBytes(StandardCharsets.UTF_8);
        int[] closes = {0};
        InputStream breaking = new InputStream() {
            int reads;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (reads++ == 0) {
                    System.arraycopy(first, 0, b, off, first.length);
                    return first.length;
                }
                throw new IOException("Connection reset");
            }

            @Override
            public void close() {
                closes[0]++;
            }
        };
        HixEventReader reader = new HixEventReader(breaking, adaptor);
        assertThat(reader.next()).isEqualTo(new HixEvent.Content("A"));
        HixFailureException failure = catchThrowableOfType(reader::next, HixFailureException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
        assertThat(closes[0]).isEqualTo(1);
    }

    @Test
    void notLoginEventIsDeadSession() {
        HixEventReader reader = new HixEventReader(
                stream("data: {\"status\":-5,\"message\":\"not login\",\"data\":{}}\n\n", 1000), adaptor);
        HixFailureException failure = catchThrowableOfType(reader::next, HixFailureException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.failureClass()).isEqualTo(FailureClass.DEAD_SESSION);
    }

    @Test
    void closeBeforeDoneClosesTheUpstream() {
        TrickleStream upstream = stream("data: {\"content\":\"A\"}\n\ndata: {\"content\":\"B\"}\n\n", 1000);
        HixEventReader reader = new HixEventReader(upstream, adaptor);
        assertThat(reader.next()).isEqualTo(new HixEvent.Content("A"));
        reader.close();
        assertThat(upstream.closes).isEqualTo(1);
        reader.close();
        assertThat(upstream.closes).isEqualTo(1);
    }

    @Test
    void closeWithoutAnyReadClosesTheUpstream() {
        TrickleStream upstream = stream("data: [DONE]\n\n", 1000);
        new HixEventReader(upstream, adaptor).close();
        assertThat(upstream.closes).isEqualTo(1);
    }

    @Test
    void nextReturnsAfterOneEventWithoutReadingFurther() {
        byte[] first = "data: {\"content\":\"A\"}\n\n".getBytes(StandardCharsets.UTF_8);
        int[] reads = {0};
        InputStream upstream = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (reads[0]++ > 0) {
                    throw new AssertionError("read past the first event");
                }
                System.arraycopy(first, 0, b, off, first.length);
                return first.length;
            }
        };
        assertThat(new HixEventReader(upstream, adaptor).next()).isEqualTo(new HixEvent.Content("A"));
        assertThat(reads[0]).isEqualTo(1);
    }
}
