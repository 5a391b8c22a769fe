package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.Eventually;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Key lookups on PostgreSQL use the key's index however the table's statistics look. The verifier looks
 * keys up on one pooled connection for hours; PostgreSQL keeps the plan it made for that connection, and a
 * plan made while the table was small (or never analysed: autovacuum off, as on the benchmark's server)
 * scanned the whole table for every lookup once the table had grown: 300 ms to 2 s per lookup of 500 keys,
 * so the inline verifier dropped nine commands in ten under load.
 */
class KeyLookupPlansTest {

    @Test
    void lookupsUseTheIndexFromTheFirstRowsOnAndLeaveThePooledConnectionAsItCame() throws SQLException {
        DataSource legacy = TestDatabases.fresh(Dialect.POSTGRESQL);
        // The legacy schema's table, created here rather than by its migration, which reads it once.
        TestDatabases.execute(legacy, "CREATE TABLE CUSTOMER (ID VARCHAR(64) PRIMARY KEY, NAME VARCHAR(200) NOT NULL, "
                + "EMAIL VARCHAR(200), ADDRESS VARCHAR(500), BALANCE BIGINT NOT NULL DEFAULT 0)");
        TestDatabases.execute(legacy, "INSERT INTO CUSTOMER (ID, NAME, BALANCE) VALUES ('c-1', 'Ann', 1), ('c-2', 'Bob', 2)");
        Projections projections = new Projections(Path.of("converters"), new ProjectionLoader());
        VerifiedStore store = VerifiedStore.still("legacy", legacy, projections.of("legacy"));
        EntityComparison customers = Verifier.plan(store, VerifiedStore.still("copy", legacy, projections.of("legacy")), "customer")
                .get(0);

        try (Connection c = legacy.getConnection()) {
            // More lookups than the driver needs to prepare the statement on the server and the server needs
            // to settle on a cached plan, all while the table has two rows: the shape that used to scan.
            for (int i = 0; i < 12; i++) {
                assertThat(customers.source().lookup(c, List.of("c-1", "c-9")).keySet()).containsExactly("c-1");
            }
            TestDatabases.execute(legacy, "INSERT INTO CUSTOMER (ID, NAME, BALANCE) "
                    + "SELECT 'g-' || n, 'Grown ' || n, n FROM generate_series(1, 20000) n");
            List<String> keys = IntStream.rangeClosed(1, 500).mapToObj(n -> "g-" + (n * 37)).toList();
            Map<String, ProjectedRow> found = customers.source().lookup(c, keys);
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(found.get("g-37").values()).contains("Grown 37", "37");
            assertThat(setting(c, "enable_seqscan")).as("the pooled connection's setting after a lookup").isEqualTo("on");

            c.setAutoCommit(false);
            customers.source().lookup(c, List.of("c-2"));
            c.commit();
            assertThat(setting(c, "enable_seqscan")).as("after a lookup inside a transaction").isEqualTo("on");
        }

        // Statistics reach pg_stat_user_tables within a few seconds of each transaction; 14 lookups were made.
        Eventually.await("the lookups counted", Duration.ofSeconds(20), () -> scans(legacy)[0] + scans(legacy)[2] >= 14,
                () -> "scans (seq, rows read by seq, index): " + java.util.Arrays.toString(scans(legacy)));
        // The projection's column probe (WHERE 1 = 0) counts as one sequential scan but reads no row.
        assertThat(scans(legacy)[1]).as("rows of CUSTOMER read by sequential scans").isZero();
        assertThat(scans(legacy)[2]).as("index scans").isGreaterThanOrEqualTo(14);
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Sequential scans, rows they read, index scans of CUSTOMER. */
    private static long[] scans(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables "
                     + "WHERE relname = 'customer' AND schemaname = current_schema()")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
