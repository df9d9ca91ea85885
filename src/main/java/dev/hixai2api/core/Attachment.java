package dev.hixai2api.core;

/**
 * A file a user message carries, as a {@code data:} URI or an http(s) URL.
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
