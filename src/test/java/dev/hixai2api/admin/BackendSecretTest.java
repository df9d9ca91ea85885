package dev.hixai2api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import dev.hixai2api.config.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class BackendSecretTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutBackendSecretAStrongOneIsGeneratedKeptAndPrintedOnce(CapturedOutput output) throws Exception {
        BackendSecret first = new BackendSecret(properties(null));
        Path file = dataDir.resolve(BackendSecret.FILE_NAME);
        String secret = Files.readString(file);

        assertThat(secret).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(output.getOut()).contains("Secret: " + secret);
        assertThatCode(() -> first.authorize("Bearer " + secret)).doesNotThrowAnyException();

        BackendSecret second = new BackendSecret(properties(null));

        assertThat(output.getOut().split(secret, -1)).as("printed once").hasSize(2);
        assertThatCode(() -> second.authorize(secret)).doesNotThrowAnyException();
    }

    @Test
    void aConfiguredSecretIsUsedAndNothingIsGenerated() {
        BackendSecret secret = new BackendSecret(properties("my-own-secret"));

        assertThatCode(() -> secret.authorize("Bearer my-own-secret")).doesNotThrowAnyException();
        assertThatThrownBy(() -> secret.authorize("Bearer my-own-secreT")).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> secret.authorize(null)).isInstanceOf(AdminException.class)
                .satisfies(e -> assertThat(((AdminException) e).status()).isEqualTo(401));
        assertThat(dataDir.resolve(BackendSecret.FILE_NAME)).doesNotExist();
    }

    private GatewayProperties properties(String backendSecret) {
        return new GatewayProperties(false, null, backendSecret, true, -1, "", null, true, false, null, 60, List.of(),
                null, dataDir, null, null, null, null, 0, 0, null, null, null, null, null, null, null, null, true, null);
    }
}
