package dev.hixai2api.security;

/** The credential of an Authorization header, sent as {@code Bearer <value>} or bare. */
public final class BearerToken {

    private BearerToken() {
    }

    /** The credential, or "" when the header is missing or blank. */
    public static String of(String authorizationHeader) {
        if (authorizationHeader == null) {
            return "";
        }
        String value = authorizationHeader.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value.equalsIgnoreCase("Bearer") ? "" : value;
    }
}
