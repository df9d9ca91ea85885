package dev.hixai2api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesLocationTest {

    @TempDir
    Path workingDir;

    @Test
    void routesDirWinsWhenItIsAFolder() throws Exception {
        Files.createDirectories(workingDir.resolve("routes"));
        Files.createDirectories(workingDir.resolve("my-routes"));

        assertThat(RoutesLocation.location("my-routes", workingDir)).isEqualTo("file:my-routes");
    }

    @Test
    void withoutRoutesDirTheRoutesFolderOfTheWorkingDirectoryIsUsed() throws Exception {
        Files.createDirectories(workingDir.resolve("routes"));

        assertThat(RoutesLocation.location(null, workingDir)).isEqualTo("file:routes");
        assertThat(RoutesLocation.location(" ", workingDir)).isEqualTo("file:routes");
    }

    @Test
    void withNeitherThePackagedRoutesAreUsed() {
        assertThat(RoutesLocation.location(null, workingDir)).isEqualTo("classpath:routes");
    }

    @Test
    void aRoutesDirThatIsNotAFolderIsRefusedByName() throws Exception {
        Files.writeString(workingDir.resolve("a-file"), "");

        assertThatThrownBy(() -> RoutesLocation.location("missing", workingDir))
                .hasMessageContaining("ROUTES_DIR=missing is not a folder");
        assertThatThrownBy(() -> RoutesLocation.location("a-file", workingDir))
                .hasMessageContaining("ROUTES_DIR=a-file is not a folder");
    }
}
