package dev.hixai2api.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the YAML routes are loaded from ({@code hixai2api.routes-location}, used by
 * {@code camel.main.routes-include-pattern}): the ROUTES_DIR folder, else {@code ./routes}, else the default
 * routes packaged in the jar. The jobs and hooks live there, so a jar started outside the project folder still
 * has them; a ROUTES_DIR that is not a folder stops the start with a message that says so.
 */
public class RoutesLocation implements EnvironmentPostProcessor {

    private static final String PROPERTY = "hixai2api.routes-location";
    private static final String PACKAGED = "classpath:routes";

    private final Log log;

    public RoutesLocation(DeferredLogFactory logs) {
        this.log = logs.getLog(RoutesLocation.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path workingDir = Path.of("").toAbsolutePath();
        String location = location(environment.getProperty("ROUTES_DIR"), workingDir);
        if (location.equals(PACKAGED)) {
            log.info("No routes/ folder in " + workingDir + ": the default routes packaged in the jar are loaded"
                    + " (set ROUTES_DIR to a copy of them to customise)");
        }
        environment.getPropertySources().addLast(new MapPropertySource("routesLocation", Map.of(PROPERTY, location)));
    }

    static String location(String routesDir, Path workingDir) {
        if (routesDir != null && !routesDir.isBlank()) {
            Path folder = workingDir.resolve(routesDir);
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("ROUTES_DIR=" + routesDir + " is not a folder (" + folder.normalize()
                        + "): point it at a folder of YAML routes, e.g. a copy of the project's routes/");
            }
            return "file:" + routesDir;
        }
        return Files.isDirectory(workingDir.resolve("routes")) ? "file:routes" : PACKAGED;
    }
}
