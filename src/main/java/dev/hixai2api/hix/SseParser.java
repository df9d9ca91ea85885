package dev.hixai2api.hix;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser: bytes go in as the network delivers them (events split anywhere,
 * LF, CRLF or CR line ends, comments, {@code event:} and {@code id:} lines), the data of each complete
 * event comes out.
 */
public final class SseParser {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean afterCarriageReturn;

    /** Feeds bytes; {@code onEvent} receives the data of every event completed by them. */
    public void feed(byte[] bytes, int offset, int length, Consumer<String> onEvent) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine(onEvent);
            } else {
                line.write(b);
            }
        }
    }

    /** The upstream closed: an event still being built is delivered, being the most tolerant reading. */
    public void finish(Consumer<String> onEvent) {
        if (line.size() > 0) {
            endLine(onEvent);
        }
        dispatch(onEvent);
    }

    private void endLine(Consumer<String> onEvent) {
        if (line.size() == 0) {
            dispatch(onEvent);
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.startsWith("data:")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(text, text.startsWith("data: ") ? 6 : 5, text.length());
            hasData = true;
        }
        // comments (":…") and other fields (event:, id:, retry:) carry nothing the gateway uses
    }

    private void dispatch(Consumer<String> onEvent) {
        if (hasData) {
            String event = data.toString();
            data.setLength(0);
            hasData = false;
            onEvent.accept(event);
        }
    }
}
