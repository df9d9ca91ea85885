package dev.hixai2api.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the client API (CORS_ALLOWED_ORIGINS) and what a preflight is told. No
 * credentials are ever allowed: the API key travels in a header the page sets itself, never in a cookie.
 */
public final class CorsPolicy {

    /** Browsers cap the cache of a preflight lower (Chrome: 2 h); within that they ask once. */
    public static final long MAX_AGE_SECONDS = 7200;
    public static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    /** Response headers a page may read besides the safelisted ones: when to retry, which request to report. */
    public static final String EXPOSED_HEADERS = "Retry-After, X-Request-Id";

    private static final String ANY = "*";
    private static final Set<String> METHODS = Set.of("GET", "POST", "OPTIONS");
    /** A list of header names (RFC 9110 tokens): anything else is not echoed. */
    private static final Pattern HEADER_NAMES = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*,\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*");

    private final boolean anyOrigin;
    private final Set<String> origins;

    /** @param allowedOrigins {@code *}, or origins such as {@code https://chat.example.org}; none: CORS off */
    public CorsPolicy(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains(ANY);
        this.origins = allowedOrigins.stream().map(CorsPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean off() {
        return origins.isEmpty();
    }

    /** Whether the answer depends on the Origin header, so caches must keep one copy per origin. */
    public boolean variesByOrigin() {
        return !anyOrigin && !off();
    }

    /** The Access-Control-Allow-Origin value for a request from {@code origin}, or empty when it is not allowed. */
    public Optional<String> allowOrigin(String origin) {
        if (anyOrigin) {
            return Optional.of(ANY);
        }
        return origin != null && origins.contains(normalise(origin)) ? Optional.of(origin) : Optional.empty();
    }

    public boolean allowsMethod(String method) {
        return method != null && METHODS.contains(method.trim());
    }

    /**
     * The headers a preflight may use: those it asks for (Authorization, x-api-key, anthropic-version, the SDKs'
     * x-stainless-* …), echoed because the {@code *} wildcard never covers Authorization. Empty when it asks for
     * none or for something that is not a list of header names.
     */
    public Optional<String> allowHeaders(String requested) {
        return requested != null && HEADER_NAMES.matcher(requested.trim()).matches()
                ? Optional.of(requested.trim()) : Optional.empty();
    }

    /** Origins compare as scheme://host[:port], case-insensitively; a trailing slash in the setting is forgiven. */
    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
