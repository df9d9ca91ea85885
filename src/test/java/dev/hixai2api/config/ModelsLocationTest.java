package dev.hixai2api.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsLocationTest {

    @TempDir
    Path workingDir;

    @Test
    void theModelsFileBesideTheRoutesFolderIsTheOverride() throws Exception {
        Files.createDirectories(workingDir.resolve("etc/routes"));
        Path besideCustomRoutes = Files.writeString(workingDir.resolve("etc/models.yaml"), "");
        Path besideDefaultRoutes = Files.writeString(workingDir.resolve("models.yaml"), "");

        assertThat(ModelsLocation.override(null, "file:etc/routes", workingDir)).contains(besideCustomRoutes);
        assertThat(ModelsLocation.override(null, "file:" + workingDir.resolve("etc/routes"), workingDir))
                .contains(besideCustomRoutes);
        assertThat(ModelsLocation.override(null, "file:routes", workingDir)).contains(besideDefaultRoutes);
        assertThat(ModelsLocation.override(null, "classpath:routes", workingDir)).contains(besideDefaultRoutes);
    }

    @Test
    void withoutAModelsFileThereIsNoOverride() throws Exception {
        Files.createDirectories(workingDir.resolve("routes"));
        Files.writeString(workingDir.resolve("routes/models.yaml"), "");

        assertThat(ModelsLocation.override(null, "file:routes", workingDir)).as("inside the routes folder: routes")
                .isEmpty();
    }

    @Test
    void modelsFileWinsAndMustBeAFile() throws Exception {
        Files.writeString(workingDir.resolve("models.yaml"), "");
        Path mine = Files.writeString(workingDir.resolve("mine.yaml"), "");

        assertThat(ModelsLocation.override("mine.yaml", "file:routes", workingDir)).contains(mine);
        assertThatThrownBy(() -> ModelsLocation.override("missing.yaml", "file:routes", workingDir))
                .hasMessageStartingWith("MODELS_FILE=missing.yaml is not a file ("
                        + workingDir.resolve("missing.yaml"));
        assertThatThrownBy(() -> ModelsLocation.override(".", "file:routes", workingDir))
                .hasMessageStartingWith("MODELS_FILE=. is not a file");
    }
}
