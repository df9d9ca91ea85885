package dev.hixai2api.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MysqlDsnTest {

    /** No tls in the DSN: no sslMode, so Connector/J's default (PREFERRED) applies. */
    private static final String JDBC_PARAMS = "?characterEncoding=UTF-8&allowPublicKeyRetrieval=true";

    @Test
    void goFormBecomesJdbcUrlWithCredentials() {
        MysqlDsn dsn = MysqlDsn.parse(
                "user:pass@tcp(host:3306)/hix_ai_2_api?charset=utf8mb4&parseTime=true&loc=Asia%2FShanghai");
        assertThat(dsn.jdbcUrl()).startsWith("jdbc:mysql://host:3306/hix_ai_2_api?characterEncoding=UTF-8");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mysql://host:3306/hix_ai_2_api" + JDBC_PARAMS);
        assertThat(dsn.username()).isEqualTo("user");
        assertThat(dsn.password()).isEqualTo("pass");
    }

    @Test
    void goParametersWithoutJdbcMeaningAreNotPassedOn() {
        String url = MysqlDsn.parse("u:p@tcp(db:3307)/app?charset=utf8mb4&parseTime=true&loc=Asia%2FShanghai").jdbcUrl();
        assertThat(url).doesNotContain("parseTime").doesNotContain("loc=").doesNotContain("charset=");
        assertThat(url).startsWith("jdbc:mysql://db:3307/app?");
    }

    @Test
    void goFormWithoutParametersIsAccepted() {
        MysqlDsn dsn = MysqlDsn.parse("root:secret@tcp(127.0.0.1:3306)/hix");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:3306/hix" + JDBC_PARAMS);
        assertThat(dsn.username()).isEqualTo("root");
        assertThat(dsn.password()).isEqualTo("secret");
    }

    @Test
    void passwordContainingColonAndAtIsKeptWhole() {
        MysqlDsn dsn = MysqlDsn.parse("user:p:a@ss@w0rd@tcp(localhost:3306)/hix_ai_2_api?charset=utf8mb4");
        assertThat(dsn.username()).isEqualTo("user");
        assertThat(dsn.password()).isEqualTo("p:a@ss@w0rd");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mysql://localhost:3306/hix_ai_2_api" + JDBC_PARAMS);
    }

    @Test
    void passwordContainingSlashIsKeptWhole() {
        MysqlDsn dsn = MysqlDsn.parse("user:pa/ss@tcp(host:3306)/db");
        assertThat(dsn.password()).isEqualTo("pa/ss");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mysql://host:3306/db" + JDBC_PARAMS);
    }

    @Test
    void noCredentialsGivesNullUserAndPassword() {
        MysqlDsn dsn = MysqlDsn.parse("tcp(host:3306)/hix_ai_2_api");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mysql://host:3306/hix_ai_2_api" + JDBC_PARAMS);
        assertThat(dsn.username()).isNull();
        assertThat(dsn.password()).isNull();
    }

    @Test
    void userWithoutPasswordGivesNullPassword() {
        MysqlDsn dsn = MysqlDsn.parse("reader@tcp(host:3306)/db");
        assertThat(dsn.username()).isEqualTo("reader");
        assertThat(dsn.password()).isNull();
    }

    @Test
    void emptyPasswordIsEmpty() {
        MysqlDsn dsn = MysqlDsn.parse("root:@tcp(host:3306)/db");
        assertThat(dsn.username()).isEqualTo("root");
        assertThat(dsn.password()).isEmpty();
    }

    @Test
    void tcpWithoutPortUsesDefaultPort() {
        assertThat(MysqlDsn.parse("user:pass@tcp(dbhost)/hix").jdbcUrl())
                .isEqualTo("jdbc:mysql://dbhost:3306/hix" + JDBC_PARAMS);
    }

    @Test
    void noAddressUsesLocalhostDefault() {
        assertThat(MysqlDsn.parse("user:pass@/hix").jdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:3306/hix" + JDBC_PARAMS);
        assertThat(MysqlDsn.parse("user:pass@tcp()/hix").jdbcUrl())
                .isEqualTo("jdbc:mysql://127.0.0.1:3306/hix" + JDBC_PARAMS);
    }

    @Test
    void nonUtf8CharsetIsPassedAsCharacterEncoding() {
        assertThat(MysqlDsn.parse("u:p@tcp(h:3306)/db?charset=latin1").jdbcUrl()).contains("characterEncoding=latin1");
    }

    @ParameterizedTest(name = "tls={0} -> sslMode={1}")
    @CsvSource({"true, VERIFY_IDENTITY", "1, VERIFY_IDENTITY", "TRUE, VERIFY_IDENTITY", "skip-verify, REQUIRED",
            "preferred, PREFERRED", "false, DISABLED", "0, DISABLED", "False, DISABLED"})
    void goTlsBecomesSslMode(String tls, String sslMode) {
        MysqlDsn dsn = MysqlDsn.parse("u:p@tcp(db:3306)/app?charset=utf8mb4&tls=" + tls + "&parseTime=true");
        assertThat(dsn.jdbcUrl()).isEqualTo("jdbc:mysql://db:3306/app?characterEncoding=UTF-8&sslMode=" + sslMode
                + "&allowPublicKeyRetrieval=true");
    }

    @Test
    void withoutTlsTheDriverDefaultIsLeftAndSslIsNotSwitchedOff() {
        assertThat(MysqlDsn.parse("u:p@tcp(db:3306)/app?charset=utf8mb4").jdbcUrl())
                .doesNotContain("useSSL").doesNotContain("sslMode");
    }

    @Test
    void aGoCustomTlsConfigNameStopsTheStartWithTheValuesThatWork() {
        assertThatThrownBy(() -> MysqlDsn.parse("user:TopSecret42@tcp(db:3306)/app?tls=custom-rds"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls=custom-rds is not supported")
                .hasMessageContaining("true, skip-verify, preferred or false")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TopSecret42"));
    }

    @Test
    void jdbcUrlIsKeptAsIs() {
        String url = "jdbc:mysql://127.0.0.1:3306/hix_ai_2_api?useSSL=true&serverTimezone=UTC";
        MysqlDsn dsn = MysqlDsn.parse(url);
        assertThat(dsn.jdbcUrl()).isEqualTo(url);
        assertThat(dsn.username()).isNull();
        assertThat(dsn.password()).isNull();
        assertThat(MysqlDsn.parse("  " + url + "\n").jdbcUrl()).isEqualTo(url);
    }

    @Test
    void unixSocketNetworkIsRefused() {
        assertThatThrownBy(() -> MysqlDsn.parse("user:pass@unix(/var/run/mysqld/mysqld.sock)/hix"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MysqlDsn.parse("user:pass@unix(/tmp/mysql.sock)/hix?charset=utf8mb4"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherUnsupportedShapesAreRefused() {
        assertThatThrownBy(() -> MysqlDsn.parse("user:pass@udp(host:3306)/hix")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MysqlDsn.parse("just-a-hostname")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorsNeverEchoThePassword() {
        assertThatThrownBy(() -> MysqlDsn.parse("user:TopSecret42@unix(/tmp/mysql.sock)/hix"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TopSecret42"));
    }
}
