package io.bizmaster.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL and MariaDB servers, each test getting a fresh schema / database of its own.
 * When a server is absent the test is skipped with a message saying so, except under {@code CI=true},
 * where an absent server fails the test: CI must prove the engines, not skip them.
 */
public final class ExternalDatabases {

    public static final String POSTGRES_ADMIN_URL = System.getenv().getOrDefault(
            "BIZMASTER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    public static final String MARIADB_ADMIN_URL = System.getenv().getOrDefault(
            "BIZMASTER_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=");

    private ExternalDatabases() {
    }

    /** A new, empty database of the engine: H2 in memory, or a fresh schema / database on the local servers. */
    public static javax.sql.DataSource fresh(io.bizmaster.convert.Dialect dialect) {
        String url = switch (dialect) {
            case H2 -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> freshPostgres();
            case MARIADB -> freshMariaDb();
        };
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(url);
    }

    /** A JDBC URL of a new, empty PostgreSQL schema (set as the connection's search path). */
    public static String freshPostgres() {
        String schema = uniqueName();
        execute(POSTGRES_ADMIN_URL, "PostgreSQL", "CREATE SCHEMA " + schema);
        return POSTGRES_ADMIN_URL + "&currentSchema=" + schema;
    }

    /** A JDBC URL of a new, empty MariaDB database. */
    public static String freshMariaDb() {
        String database = uniqueName();
        execute(MARIADB_ADMIN_URL, "MariaDB", "CREATE DATABASE " + database);
        return MARIADB_ADMIN_URL.replace("/test?", "/" + database + "?");
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static String uniqueName() {
        return "bm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static void execute(String adminUrl, String engine, String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            String message = engine + " is not reachable at " + adminUrl + " (" + e.getMessage() + ")";
            if (underCi()) {
                fail(message + ": under CI=true the " + engine + " tests must run");
            }
            Assumptions.abort(message + ": skipping the " + engine + " test");
        }
    }
}
