package dev.hixai2api.security;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import dev.hixai2api.core.ErrorKind;
import dev.hixai2api.core.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Guards the /v1 routes. Stored key digests are kept in memory (reloaded after an admin change and every few
 * seconds, so other instances' changes arrive too) and compared in constant time. With no key stored the
 * routes are open, as in the Go tool, and the start-up log says so loudly.
 */
@Component
public class ApiKeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final long RELOAD_NANOS = Duration.ofSeconds(5).toNanos();

    private final ApiKeyRepository repository;
    private volatile List<byte[]> digests;
    private volatile long loadedAt;

    public ApiKeyAuthenticator(ApiKeyRepository repository) {
        this.repository = repository;
    }

    /** Accepts {@code Bearer <key>} or the bare key; throws the OpenAI 401 otherwise. */
    public void authorize(String authorizationHeader) {
        List<byte[]> known = digests();
        if (known.isEmpty()) {
            return;
        }
        String presented = BearerToken.of(authorizationHeader);
        if (presented.isEmpty()) {
            throw new GatewayException(ErrorKind.AUTHENTICATION, "invalid_api_key", null,
                    "You didn't provide an API key. Send it in the Authorization header as `Bearer <key>`"
                            + " (or in x-api-key, as Anthropic's clients do).");
        }
        byte[] digest = Secrets.sha256(presented);
        boolean match = false;
        for (byte[] candidate : known) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        if (!match) {
            throw new GatewayException(ErrorKind.AUTHENTICATION, "invalid_api_key", null,
                    "Incorrect API key provided: " + Secrets.mask(presented) + ".");
        }
    }

    /** Called after keys change so they take effect at once. */
    public void reload() {
        digests = repository.findAll().stream().map(k -> HexFormat.of().parseHex(k.keyHash())).toList();
        loadedAt = System.nanoTime();
    }

    private List<byte[]> digests() {
        if (digests == null || System.nanoTime() - loadedAt > RELOAD_NANOS) {
            reload();
        }
        return digests;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenOpen() {
        if (digests().isEmpty()) {
            LOG.warn("""

                    ************************************************************************
                    *  No API key is stored: /v1/chat/completions and /v1/models are OPEN  *
                    *  to anyone who can reach this port. Add a key with PUT /api/key.     *
                    ************************************************************************""");
        }
    }
}
