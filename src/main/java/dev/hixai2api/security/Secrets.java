package dev.hixai2api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashing, constant-time comparison and masking of API keys, cookies and the backend secret. */
public final class Secrets {

    private Secrets() {
    }

    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares digests so the time taken says nothing about how much of the secret matched. */
    public static boolean constantTimeEquals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    /** Enough of a secret to recognise it, never enough to use it: {@code sk-a…9f3c}. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() <= 8) {
            return "…";
        }
        int edge = Math.min(4, secret.length() / 4);
        return secret.substring(0, edge) + "…" + secret.substring(secret.length() - edge);
    }
}
