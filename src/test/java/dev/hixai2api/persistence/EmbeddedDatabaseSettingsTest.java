package dev.hixai2api.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.hixai2api.config.TestGatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded database runs with the settings the gateway's URL names, as H2 itself reports them. */
class EmbeddedDatabaseSettingsTest {

    @Test
    void theEmbeddedDatabaseUsesTheGatewaysWriteDelayAndPageCache(@TempDir Path dir) {
        try (HikariDataSource dataSource = new DataSourceConfiguration()
                .dataSource(TestGatewayProperties.of(Map.of("data-dir", dir.toString())))) {
            JdbcClient jdbc = JdbcClient.create(dataSource);

            // CACHE_SIZE is the setting in KB, info.CACHE_MAX_SIZE what the page store was given, in MB.
            assertThat(setting(jdbc, "CACHE_SIZE")).containsExactly("4096");
            assertThat(setting(jdbc, "info.CACHE_MAX_SIZE")).containsExactly("4");
            // H2 lists WRITE_DELAY twice (the database's setting and the store's); both must say 10 ms.
            assertThat(setting(jdbc, "WRITE_DELAY")).isNotEmpty().containsOnly("10");
            assertThat(dataSource.getJdbcUrl()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath().normalize());
        }
    }

    private static List<String> setting(JdbcClient jdbc, String name) {
        return jdbc.sql("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")
                .param(name).query(String.class).list();
    }
}
