package dev.hixai2api.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.hixai2api.hix.HixAdaptor;

/**
 * Reads the HixAI session token out of what an admin pastes: the bare token, or a whole Cookie header
 * that holds {@code __Secure-next-auth.session-token=…}; URL-encoded values are decoded.
 */
public final class SessionCookie {

    /** What a NextAuth session token can hold; anything else could smuggle headers into HixAI calls. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{10,8000}");

    private SessionCookie() {
    }

    public static String token(String pasted) {
        if (pasted == null || pasted.isBlank()) {
            throw AdminException.badRequest("cookie is required");
        }
        String value = pasted.trim();
        if (value.regionMatches(true, 0, "Cookie:", 0, 7)) {
            value = value.substring(7).trim();
        }
        if (value.contains("=") && value.contains(HixAdaptor.SESSION_COOKIE)) {
            value = sessionValue(value);
        }
        String token;
        try {
            token = value.contains("%") ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("cookie has broken percent-encoding");
        }
        if (!TOKEN.matcher(token).matches()) {
            throw AdminException.badRequest("cookie does not look like a HixAI session token "
                    + "(the value of " + HixAdaptor.SESSION_COOKIE + ")");
        }
        return token;
    }

    private static String sessionValue(String header) {
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(HixAdaptor.SESSION_COOKIE + "=")) {
                return trimmed.substring(HixAdaptor.SESSION_COOKIE.length() + 1).trim();
            }
        }
        throw AdminException.badRequest("the Cookie header holds no " + HixAdaptor.SESSION_COOKIE);
    }
}
