package io.bizmaster.bench;

import io.bizmaster.store.jdbc.Dialect;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Lets PostgreSQL finish the checkpoint a previous phase left before the next one is timed, as database benchmarks
 * do: 500,000 baseline upserts leave a checkpoint due, and while it runs every first write to a page also writes the
 * whole page to the WAL. Without this, the first quarter of the live run measured the baselines' aftermath, at a
 * third of the speed of the rest.
 */
final class Settle {

    private final PrintStream out;

    Settle(PrintStream out) {
        this.out = out;
    }

    void settle(List<DataSource> databases) {
        long start = System.nanoTime();
        Set<String> done = new LinkedHashSet<>();
        for (DataSource database : databases) {
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                switch (Dialect.of(c)) {
                    case POSTGRESQL -> {
                        s.execute("CHECKPOINT");
                        done.add("PostgreSQL checkpoint");
                    }
                    // An idle InnoDB does not flush (innodb_max_dirty_pages_pct_lwm 0): waiting would never end, and
                    // forcing it means changing the server's settings. Its dirty pages are reported instead.
                    case MARIADB -> done.add(String.format("MariaDB has %,d dirty pages", dirtyPages(s)));
                    case H2 -> {
                    }
                }
            } catch (SQLException e) {
                done.add("could not settle a database (" + e.getMessage() + "), measuring anyway");
            }
        }
        if (!done.isEmpty()) {
            out.printf("  settled in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, String.join(", ", done));
        }
    }

    private static long dirtyPages(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }
}
