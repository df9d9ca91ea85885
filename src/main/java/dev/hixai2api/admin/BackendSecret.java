package dev.hixai2api.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.security.BearerToken;
import dev.hixai2api.security.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin API's secret: BACKEND_SECRET, or else one generated on first start and kept in
 * {@code DATA_DIR/backend-secret}. Unlike the Go tool, the admin API is never open.
 */
@Component
public class BackendSecret {

    static final String FILE_NAME = "backend-secret";
    private static final Logger LOG = LoggerFactory.getLogger(BackendSecret.class);

    private final String secret;

    public BackendSecret(GatewayProperties properties) {
        String configured = properties.backendSecret();
        this.secret = configured != null && !configured.isBlank() ? configured.trim()
                : storedOrGenerated(properties.dataDir().resolve(FILE_NAME));
    }

    /** Accepts the secret bare or as {@code Bearer <secret>}, compared in constant time. */
    public void authorize(String authorizationHeader) {
        if (!Secrets.constantTimeEquals(BearerToken.of(authorizationHeader), secret)) {
            throw new AdminException(401, "Unauthorized: send the backend secret in the Authorization header");
        }
    }

    private static String storedOrGenerated(Path file) {
        try {
            if (Files.exists(file)) {
                LOG.info("Admin API secret: the one generated earlier, kept in {}", file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            writeOwnerOnly(file, generated);
            // Printed this once, like an initial admin password; later starts only name the file.
            LOG.warn("""

                    ************************************************************************
                    *  BACKEND_SECRET is not set: generated an admin API secret.           *
                    *  Secret: {}
                    *  Kept in {} - set BACKEND_SECRET to choose your own.
                    ************************************************************************""",
                    generated, file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated admin secret in " + file, e);
        }
    }

    /**
     * Owner-only from the first byte: the permissions are given when the file is created (a chmod afterwards would
     * leave a moment when others can read it), in a temporary file of the same folder that is synced and then
     * renamed, so the secret file is either absent or complete, even after a crash.
     */
    private static void writeOwnerOnly(Path file, String secret) throws IOException {
        Path temp;
        try {
            temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the file gets the folder's access list
            temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(secret.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
