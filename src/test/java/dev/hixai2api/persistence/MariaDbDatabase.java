package dev.hixai2api.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database on the MariaDB server of the machine (127.0.0.1:3306, root, no password), dropped when the
 * tests are done. The gateway gets it in the Go driver's DSN form users paste into MYSQL_DSN.
 */
public final class MariaDbDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/?user=root&password=&useSSL=false&allowPublicKeyRetrieval=true";

    private final String name;

    private MariaDbDatabase(String name) {
        this.name = name;
    }

    public static MariaDbDatabase create() {
        MariaDbDatabase database = new MariaDbDatabase("hixai2api_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        database.execute("CREATE DATABASE " + database.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return database;
    }

    public String name() {
        return name;
    }

    /** The Go tool's MYSQL_DSN form. */
    public String goDsn() {
        return "root:@tcp(127.0.0.1:3306)/" + name + "?charset=utf8mb4&parseTime=true&loc=Asia%2FShanghai";
    }

    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:3306/" + name + "?user=root&password=&useSSL=false&allowPublicKeyRetrieval=true";
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at 127.0.0.1:3306 is needed for the MySQL tests: " + e.getMessage(), e);
        }
    }
}
