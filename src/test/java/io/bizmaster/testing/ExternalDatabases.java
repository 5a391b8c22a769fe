package io.bizmaster.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
    public static javax.sql.DataSource fresh(io.bizmaster.store.jdbc.Dialect dialect) {
        String url = switch (dialect) {
            case H2 -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> freshPostgres();
            case MARIADB -> freshMariaDb();
        };
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(url);
    }

    /** A JDBC URL of a new, empty PostgreSQL schema (set as the connection's search path). */
    public static String freshPostgres() {
        sweepPostgres();
        String schema = uniqueName();
        execute(POSTGRES_ADMIN_URL, "PostgreSQL", "CREATE SCHEMA " + schema);
        return POSTGRES_ADMIN_URL + "&currentSchema=" + schema;
    }

    /** A JDBC URL of a new, empty MariaDB database. */
    public static String freshMariaDb() {
        sweepMariaDb();
        String database = uniqueName();
        execute(MARIADB_ADMIN_URL, "MariaDB", "CREATE DATABASE " + database);
        return MARIADB_ADMIN_URL.replace("/test?", "/" + database + "?");
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** {@code bm_<creation time in base 36>_<random>}: the time tells a later run what it may sweep. */
    private static String uniqueName() {
        return "bm_" + Long.toString(System.currentTimeMillis(), 36) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static final AtomicBoolean POSTGRES_SWEPT = new AtomicBoolean();
    private static final AtomicBoolean MARIADB_SWEPT = new AtomicBoolean();
    /** Older than this, a test schema belongs to a finished run (a run takes minutes, never hours). */
    private static final long SWEEP_AFTER_MILLIS = 6 * 3600 * 1000L;

    /**
     * Once per test run, drops the schemas earlier runs left behind. Each test gets a schema of its own and
     * many keep theirs open until the JVM ends, so they are not dropped by the test that made them; without
     * the sweep the servers CI runs against gathered gigabytes, and every later run paid for them.
     */
    private static void sweepPostgres() {
        if (POSTGRES_SWEPT.compareAndSet(false, true)) {
            sweep(POSTGRES_ADMIN_URL, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bm\\_%'",
                    name -> "DROP SCHEMA " + name + " CASCADE", "SET lock_timeout = '2s'");
        }
    }

    private static void sweepMariaDb() {
        if (MARIADB_SWEPT.compareAndSet(false, true)) {
            sweep(MARIADB_ADMIN_URL, "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'bm\\_%'",
                    name -> "DROP DATABASE " + name, "SET SESSION lock_wait_timeout = 2");
        }
    }

    private static void sweep(String adminUrl, String list, java.util.function.UnaryOperator<String> drop, String timeout) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(timeout);
            List<String> old = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(list)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String[] parts = name.split("_");
                    if (parts.length == 3 && createdMillis(parts[1]) < System.currentTimeMillis() - SWEEP_AFTER_MILLIS) {
                        old.add(name);
                    }
                }
            }
            for (String name : old) {
                try {
                    s.execute(drop.apply(name));
                } catch (SQLException e) {
                    // In use or already gone: the next run sweeps it.
                }
            }
        } catch (SQLException e) {
            // The server is absent: the test that asked for it reports that.
        }
    }

    private static long createdMillis(String base36) {
        try {
            return Long.parseLong(base36, 36);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
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
