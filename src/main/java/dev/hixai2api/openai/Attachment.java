package dev.hixai2api.openai;

/**
 * A file a user message carries: an {@code image_url} part (a {@code data:} URI or an http(s) URL) or a
 * {@code file} part ({@code file_data} as a data URI).
 *
 * @param location the data URI or URL
 * @param filename the name the client gave, if any (never trusted for the kind)
 */
public record Attachment(String location, String filename) {

    public boolean isDataUri() {
        return location.regionMatches(true, 0, "data:", 0, 5);
    }

    @Override
    public String toString() {
        return isDataUri() ? "Attachment[data URI, " + location.length() + " chars]" : "Attachment[" + location + "]";
    }
}
