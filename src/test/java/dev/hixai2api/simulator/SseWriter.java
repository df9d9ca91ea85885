package dev.hixai2api.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events one by one, flushing each so the client sees them as they are produced. */
final class SseWriter {

    private static final long HALF_PAUSE_MILLIS = 5;

    private final OutputStream out;
    private final SseStyle style;
    private final long delayMillis;
    private final String eol;
    private int nextId = 1;

    SseWriter(OutputStream out, SseStyle style, long delayMillis) {
        this.out = out;
        this.style = style;
        this.delayMillis = delayMillis;
        this.eol = style == SseStyle.PEDANTIC ? "\r\n" : "\n";
    }

    /** A pedantic stream opens with a comment, which parsers must skip. */
    void open() throws IOException {
        if (style == SseStyle.PEDANTIC) {
            write(": keep-alive" + eol + eol);
        }
    }

    /** One event whose data is the given text, after the configured delay. */
    void event(String data) throws IOException, InterruptedException {
        pause();
        if (style == SseStyle.COMPACT) {
            write("data: " + data + eol + eol);
            return;
        }
        String head = "event: message" + eol + "id: " + nextId++ + eol + "data: ";
        int cut = data.length() / 2;
        write(head + data.substring(0, cut));
        Thread.sleep(HALF_PAUSE_MILLIS);
        write(data.substring(cut) + eol + eol);
    }

    /** A raw line (followed by a blank line), for malformed streams. */
    void rawLine(String line) throws IOException, InterruptedException {
        pause();
        write(line + eol + eol);
    }

    private void pause() throws InterruptedException {
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
