package dev.hixai2api.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Just enough HTTP/1.1 framing for the test proxies: request heads, bodies (length or chunked), raw copies. */
final class HttpWire {

    /** A request as it came: start line, header lines, body bytes with their chunked framing (if any) kept. */
    record Message(String startLine, List<String> headers, byte[] body) {

        String method() {
            return startLine.split(" ", 3)[0];
        }

        /** The request target: an absolute URI, a path, or host:port for CONNECT. */
        String target() {
            String[] parts = startLine.split(" ", 3);
            return parts.length > 1 ? parts[1] : "";
        }

        String header(String name) {
            for (String line : headers) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    interface RequestListener {
        void request(String method, String target);
    }

    private HttpWire() {
    }

    /** The next request, or null when the stream ends before it starts. */
    static Message readRequest(InputStream in) throws IOException {
        String startLine = readLine(in);
        while (startLine != null && startLine.isEmpty()) {
            startLine = readLine(in); // stray CRLF between requests
        }
        if (startLine == null) {
            return null;
        }
        List<String> headers = readHeaders(in);
        return new Message(startLine, headers, readBody(in, headers));
    }

    /** A start line and headers only (an answer's head), or null when the stream ends before it starts. */
    static Message readHead(InputStream in) throws IOException {
        String startLine = readLine(in);
        return startLine == null ? null : new Message(startLine, readHeaders(in), new byte[0]);
    }

    /** Header lines up to the blank line that ends a head. */
    static List<String> readHeaders(InputStream in) throws IOException {
        List<String> headers = new ArrayList<>();
        for (String line = readLine(in); ; line = readLine(in)) {
            if (line == null) {
                throw new EOFException("the head ended early");
            }
            if (line.isEmpty()) {
                return headers;
            }
            headers.add(line);
        }
    }

    static void write(OutputStream out, String startLine, List<String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(startLine).append("\r\n");
        headers.forEach(line -> head.append(line).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /**
     * Copies requests from in to out unchanged, telling the listener of each; a stream that does not start like
     * HTTP (a TLS handshake in a tunnel) is copied blind.
     */
    static void forwardRequests(InputStream in, OutputStream out, RequestListener listener) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("needs a buffered stream");
        }
        in.mark(1);
        int first = in.read();
        if (first < 0) {
            return;
        }
        in.reset();
        if (first < 'A' || first > 'Z') {
            copy(in, out);
            return;
        }
        for (Message request = readRequest(in); request != null; request = readRequest(in)) {
            listener.request(request.method(), request.target());
            write(out, request.startLine(), request.headers(), request.body());
        }
    }

    /** Copies until the end of in, flushing every read so that streamed answers keep their pace. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    static void shutdownOutput(Socket socket) {
        try {
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static byte[] readBody(InputStream in, List<String> headers) throws IOException {
        Message head = new Message("", headers, new byte[0]);
        String encoding = head.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        String length = head.header("Content-Length");
        return length == null ? new byte[0] : readExactly(in, Integer.parseInt(length.trim()));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = required(readLine(in));
            raw.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = required(readLine(in)); ; trailer = required(readLine(in))) {
                    raw.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (trailer.isEmpty()) {
                        return raw.toByteArray();
                    }
                }
            }
            raw.writeBytes(readExactly(in, size));
            raw.writeBytes((required(readLine(in)) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the body ended early");
        }
        return bytes;
    }

    private static String required(String line) throws EOFException {
        if (line == null) {
            throw new EOFException("the chunked body ended early");
        }
        return line;
    }

    /** A line without its CRLF (or bare LF), or null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("a line ended early");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }
}
