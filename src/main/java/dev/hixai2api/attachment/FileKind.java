package dev.hixai2api.attachment;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file kinds HixAI accepts, recognised by their bytes, never by the name or type the client claims. */
public enum FileKind {
    PDF("pdf", "application/pdf"),
    JPEG("jpg", "image/jpeg"),
    PNG("png", "image/png"),
    WEBP("webp", "image/webp"),
    DOC("doc", "application/msword"),
    TEXT("txt", "text/plain");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] DOC_SIGNATURE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final String extension;
    private final String mimeType;

    FileKind(String extension, String mimeType) {
        this.extension = extension;
        this.mimeType = mimeType;
    }

    public String extension() {
        return extension;
    }

    public String mimeType() {
        return mimeType;
    }

    public static String accepted() {
        return Arrays.stream(values()).map(FileKind::extension).collect(Collectors.joining(", "));
    }

    /**
     * @param declaredText whether the client sent it as a {@code data:text/plain} URI, which is taken as text
     */
    public static Optional<FileKind> detect(byte[] bytes, boolean declaredText) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        if (startsWith(bytes, "%PDF".getBytes())) {
            return Optional.of(PDF);
        }
        if (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 12 && startsWith(bytes, "RIFF".getBytes())
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (startsWith(bytes, DOC_SIGNATURE)) {
            return Optional.of(DOC);
        }
        return declaredText || hasTextBom(bytes) || mostlyPrintable(bytes) ? Optional.of(TEXT) : Optional.empty();
    }

    private static boolean hasTextBom(byte[] bytes) {
        return startsWith(bytes, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
                || startsWith(bytes, new byte[] {(byte) 0xFE, (byte) 0xFF})
                || startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE});
    }

    /** Under 5 % control bytes (other than tab, CR, LF): text in any ASCII-compatible encoding. */
    private static boolean mostlyPrintable(byte[] bytes) {
        long control = 0;
        for (byte b : bytes) {
            int value = b & 0xFF;
            if (value < 0x20 && value != '\t' && value != '\n' && value != '\r' || value == 0x7F) {
                control++;
            }
        }
        return control * 20 < bytes.length;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
