package dev.hixai2api.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the operator's models file is: MODELS_FILE, else {@code models.yaml} beside the routes folder (in the
 * folder that holds it: the working directory for {@code ./routes} and for the routes packaged in the jar,
 * {@code /app} in the Docker image). Not inside the routes folder: Camel loads every {@code *.yaml} there as
 * routes. A MODELS_FILE that is not a file stops the start; without one, a missing models.yaml is no override.
 */
public final class ModelsLocation {

    public static final String FILE_NAME = "models.yaml";

    private ModelsLocation() {
    }

    /**
     * @param modelsFile     MODELS_FILE, or null
     * @param routesLocation {@code hixai2api.routes-location} ({@code file:<folder>} or {@code classpath:routes}),
     *                       or null when RoutesLocation did not run
     */
    public static Optional<Path> override(String modelsFile, String routesLocation, Path workingDir) {
        if (modelsFile != null) {
            Path file = workingDir.resolve(modelsFile).normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("MODELS_FILE=" + modelsFile + " is not a file (" + file
                        + "): point it at a models.yaml, or unset it to use the one beside the routes folder");
            }
            return Optional.of(file);
        }
        String routesFolder = routesLocation != null && routesLocation.startsWith("file:")
                ? routesLocation.substring("file:".length()) : "routes";
        Path holder = workingDir.resolve(routesFolder).normalize().getParent();
        return Optional.ofNullable(holder).map(folder -> folder.resolve(FILE_NAME)).filter(Files::isRegularFile);
    }
}
