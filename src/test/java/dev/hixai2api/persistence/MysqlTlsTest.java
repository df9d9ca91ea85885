package dev.hixai2api.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hixai2api.config.GatewayProperties;
import dev.hixai2api.config.TestGatewayProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MYSQL_DSN's tls= against the real MariaDB at 127.0.0.1:3306, which offers no TLS (have_ssl=DISABLED):
 * preferred and false connect in plain text, true refuses to connect rather than send the password unencrypted.
 */
class MysqlTlsTest {

    private static MariaDbDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = MariaDbDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(strings = {"preferred", "false"})
    void connectsInPlainTextToAServerWithoutTls(String tls) throws SQLException {
        try (HikariDataSource dataSource = dataSource(tls);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet cipher = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertThat(cipher.next()).isTrue();
            assertThat(cipher.getString(2)).as("no TLS cipher in use").isEmpty();
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(strings = {"true", "skip-verify"})
    void refusesToConnectWhenTlsIsRequiredAndTheServerHasNone(String tls) {
        try (HikariDataSource dataSource = dataSource(tls)) {
            assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class)
                    .hasMessageContaining("SSL Connection required, but not provided by server");
        }
    }

    private static HikariDataSource dataSource(String tls) {
        GatewayProperties properties = TestGatewayProperties.of(Map.of("mysql-dsn", database.goDsn() + "&tls=" + tls));
        HikariDataSource dataSource = (HikariDataSource) new DataSourceConfiguration().dataSource(properties);
        return dataSource;
    }
}
