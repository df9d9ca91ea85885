package dev.hixai2api.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Settings for tests that build a bean by hand: bound as the gateway binds them (kebab-case names under
 * {@code hixai2api}, text values converted by Spring), so a new setting does not break every such test.
 */
public final class TestGatewayProperties {

    private TestGatewayProperties() {
    }

    /** The given settings (e.g. {@code "ip-black-list" -> "::1"}); everything else takes the record's default. */
    public static GatewayProperties of(Map<String, ?> settings) {
        Map<String, Object> prefixed = new LinkedHashMap<>();
        prefixed.put("hixai2api.backend-api-enable", "true");
        prefixed.put("hixai2api.swagger-enable", "true");
        settings.forEach((name, value) -> prefixed.put("hixai2api." + name, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("hixai2api", GatewayProperties.class);
    }
}
