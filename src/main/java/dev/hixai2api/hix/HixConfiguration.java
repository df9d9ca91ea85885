package dev.hixai2api.hix;

import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.config.ModelsLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure protocol piece, shared as a singleton with the application's ObjectMapper, and the model table. */
@Configuration(proxyBeanMethods = false)
public class HixConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HixConfiguration.class);

    @Bean
    public HixAdaptor hixAdaptor(ObjectMapper mapper) {
        return new HixAdaptor(mapper);
    }

    /** Read once: a mistake in the models file or MODEL_MAPPING stops the start, naming the file and line. */
    @Bean
    public ModelRegistry modelRegistry(GatewayProperties properties,
                                       @Value("${hixai2api.routes-location:#{null}}") String routesLocation) {
        Optional<Path> override = ModelsLocation.override(properties.modelsFile(), routesLocation,
                Path.of("").toAbsolutePath());
        ModelRegistry models = ModelRegistry.load(override, properties.modelMapping());
        LOG.info("Model table: {} models (the packaged {}{}), {} aliases (MODEL_MAPPING)", models.all().size(),
                ModelRegistry.PACKAGED, override.map(file -> " changed by " + file).orElse(""),
                models.aliases().size());
        return models;
    }
}
