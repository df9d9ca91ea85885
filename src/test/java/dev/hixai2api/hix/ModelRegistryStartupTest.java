package dev.hixai2api.hix;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.config.PropertiesConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model table is read while the application starts: a mistake stops the start, naming where it is. */
class ModelRegistryStartupTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesConfiguration.class, HixConfiguration.class)
            .withBean(ObjectMapper.class);

    @TempDir
    Path dir;

    @Test
    void theModelsFileBesideTheRoutesFolderAndTheMappingMakeTheRegistryBean() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("models.yaml"), """
                models:
                  - {name: my-bot, botId: 99001, type: standard, credit: 3, maxInputChars: 9000}
                """);

        context.withPropertyValues("hixai2api.routes-location=file:" + dir.resolve("routes"),
                "hixai2api.model-mapping={\"gpt-4\":\"my-bot\"}").run(started -> {
                    ModelRegistry models = started.getBean(ModelRegistry.class);
                    assertThat(models.all()).hasSize(40);
                    assertThat(models.select("gpt-4-news").orElseThrow().model().botId()).isEqualTo(99001);
                });
    }

    @Test
    void aMalformedModelsFileStopsTheStartNamingFileLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), """
                models:
                  - {name: my-bot, botId: 99001, type: standard, credit: three, maxInputChars: 9000}
                """);

        context.withPropertyValues("hixai2api.models-file=" + file).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().isInstanceOf(ModelTableException.class)
                    .hasMessage("The model table cannot be loaded:\n  - " + file + " line 2, column 58: `credit` must"
                            + " be a whole number from 0 to 999999999, not `three`");
        });
    }

    @Test
    void aModelMappingToAnUnknownModelStopsTheStart() {
        context.withPropertyValues("MODEL_MAPPING={\"gpt-4\":\"gpt-5\"}",
                "hixai2api.model-mapping=${MODEL_MAPPING}").run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .hasMessageContaining("MODEL_MAPPING line 1, column 2: `gpt-4` → `gpt-5`: the model table "
                                    + "has no model `gpt-5`");
                });
    }

    @Test
    void aMissingModelsFileStopsTheStart() {
        context.withPropertyValues("hixai2api.models-file=" + dir.resolve("none.yaml")).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageStartingWith("MODELS_FILE=" + dir.resolve("none.yaml") + " is not a file");
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aStoppedStartPrintsTheProblemsInSpringBootsFailureReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PropertiesConfiguration.class, HixConfiguration.class,
                ObjectMapper.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--hixai2api.model-mapping={\"gpt-4\":\"gpt-5\"}"))
                .hasRootCauseInstanceOf(ModelTableException.class);
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START", "The model table cannot be loaded:\n"
                + "  - MODEL_MAPPING line 1, column 2: `gpt-4` → `gpt-5`", "Action:", "MODELS_FILE");
    }
}
