package dev.hixai2api.persistence;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MYSQL_DSN as users paste it: either a JDBC URL or the Go driver's form
 * {@code user:pass@tcp(host:3306)/db?charset=utf8mb4&parseTime=true&loc=Asia%2FShanghai}.
 */
public record MysqlDsn(String jdbcUrl, String username, String password) {

    private static final Pattern NET_ADDR = Pattern.compile("^(?<net>[a-z0-9]*)(?:\\((?<addr>[^)]*)\\))?$");

    public static MysqlDsn parse(String dsn) {
        String value = dsn.trim();
        if (value.startsWith("jdbc:")) {
            return new MysqlDsn(value, null, null);
        }
        // Same reading order as the Go driver: the database name follows the last '/', credentials end at the last '@'.
        int query = value.indexOf('?', Math.max(0, value.lastIndexOf(')')));
        String main = query >= 0 ? value.substring(0, query) : value;
        String params = query >= 0 ? value.substring(query + 1) : null;
        int slash = main.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("MYSQL_DSN is neither a jdbc: URL nor user:pass@tcp(host:port)/db");
        }
        String head = main.substring(0, slash);
        int at = head.lastIndexOf('@');
        Matcher netAddr = NET_ADDR.matcher(head.substring(at + 1));
        if (!netAddr.matches() || !(netAddr.group("net").isEmpty() || netAddr.group("net").equals("tcp"))) {
            throw new IllegalArgumentException("MYSQL_DSN: only the tcp(host:port) network is supported");
        }
        String addr = netAddr.group("addr") == null || netAddr.group("addr").isBlank()
                ? "127.0.0.1:3306" : netAddr.group("addr");
        if (!addr.contains(":")) {
            addr = addr + ":3306";
        }
        String username = null;
        String password = null;
        if (at >= 0) {
            String credentials = head.substring(0, at);
            int colon = credentials.indexOf(':');
            username = colon >= 0 ? credentials.substring(0, colon) : credentials;
            password = colon >= 0 ? credentials.substring(colon + 1) : null;
        }
        String url = "jdbc:mysql://" + addr + "/" + main.substring(slash + 1) + "?" + jdbcParameters(params);
        return new MysqlDsn(url, username == null || username.isEmpty() ? null : username, password);
    }

    /**
     * Go-driver parameters have no JDBC meaning except the charset and {@code tls}; times are stored as epoch millis.
     * Without {@code tls} no sslMode is set, so Connector/J's default applies (PREFERRED).
     */
    private static String jdbcParameters(String goParams) {
        String encoding = "UTF-8";
        String sslMode = null;
        if (goParams != null) {
            for (String pair : goParams.split("&")) {
                if (pair.startsWith("charset=") && !pair.substring(8).startsWith("utf8")) {
                    encoding = pair.substring(8);
                } else if (pair.startsWith("tls=")) {
                    sslMode = sslMode(pair.substring(4));
                }
            }
        }
        return "characterEncoding=" + encoding + (sslMode == null ? "" : "&sslMode=" + sslMode)
                + "&allowPublicKeyRetrieval=true";
    }

    /**
     * The Go driver's {@code tls} values as Connector/J's sslMode. {@code true} checks the certificate chain against
     * the JVM's trust store and the host name, as Go's tls.Config with its ServerName does: VERIFY_IDENTITY, not
     * VERIFY_CA (which would accept any trusted certificate issued for another host).
     */
    static String sslMode(String tls) {
        return switch (tls) {
            case "1", "true", "TRUE", "True" -> "VERIFY_IDENTITY";
            case "0", "false", "FALSE", "False" -> "DISABLED";
            default -> switch (tls.toLowerCase(Locale.ROOT)) {
                case "skip-verify" -> "REQUIRED";
                case "preferred" -> "PREFERRED";
                // a name registered with the Go driver's RegisterTLSConfig: its settings live in Go code only
                default -> throw new IllegalArgumentException("MYSQL_DSN: tls=" + tls + " is not supported; use "
                        + "true, skip-verify, preferred or false, or a jdbc:mysql:// URL with sslMode and "
                        + "trustCertificateKeyStoreUrl for a custom TLS configuration");
            };
        };
    }
}
