package dev.hixai2api.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import dev.hixai2api.config.GatewayProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Embedded H2 file database under DATA_DIR, or MySQL when MYSQL_DSN is set. */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfiguration {

    /**
     * H2 writes committed changes in the background: within 10 ms instead of its default 500 ms, so a killed
     * process loses at most the commits of its last 10 ms (0 would switch the background writer off altogether).
     */
    public static final int WRITE_DELAY_MS = 10;

    /**
     * H2's page cache in KB: 4 MB instead of its 16 MB. Cached pages live long enough to be copied by young
     * collections and then promoted; with 4 MB the gateway's young pauses were shorter and its heap grew at half
     * the rate under load, while the conversation records' database work on tables of 20,000 to 1,000,000
     * records stayed within the machine's swing (docs/benchmark.md, ninth pass).
     */
    public static final int CACHE_SIZE_KB = 4096;

    /** Hikari's own settings stay open to operators: {@code spring.datasource.hikari.maximum-pool-size} and so on. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(GatewayProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("hixai2api");
        if (properties.mysqlDsn() != null && !properties.mysqlDsn().isBlank()) {
            MysqlDsn dsn = MysqlDsn.parse(properties.mysqlDsn());
            dataSource.setJdbcUrl(dsn.jdbcUrl());
            dataSource.setUsername(dsn.username());
            dataSource.setPassword(dsn.password());
        } else {
            Path dir = properties.dataDir().toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("DATA_DIR " + dir + " cannot be created", e);
            }
            dataSource.setJdbcUrl(h2Url(dir, WRITE_DELAY_MS, CACHE_SIZE_KB));
            dataSource.setUsername("sa");
        }
        return dataSource;
    }

    /** The embedded database's URL; the benchmark's replays of the conversation record also try other values. */
    public static String h2Url(Path dir, int writeDelayMs, int cacheSizeKb) {
        return "jdbc:h2:file:" + dir.resolve("hixai2api") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=" + writeDelayMs
                + ";CACHE_SIZE=" + cacheSizeKb;
    }
}
