package io.bizmaster.verify;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Measures a full verification of two tables of the same rows, one in PostgreSQL and one in MariaDB,
 * against its physical bound: a plain ordered full scan of each table. Reports rows per second of both
 * and the heap used while each runs, so that memory staying flat whatever the table size can be seen.
 * For the {@code bench} verb; not a unit test.
 */
public final class VerifyBenchmark {

    /**
     * @param rows                rows in each table
     * @param verifyRowsPerSecond rows read from both tables per second of verification (2 x rows / time)
     * @param scanRowsPerSecond   rows per second of a plain ordered scan of one table, then the other
     * @param postgresScanRowsPerSecond the PostgreSQL table's scan alone
     * @param mariadbScanRowsPerSecond  the MariaDB table's scan alone
     * @param verifyPeakHeapMb    highest heap in use sampled during the verification (garbage included)
     * @param scanPeakHeapMb      the same during the scans
     * @param baseHeapMb          heap in use after a GC before measuring
     * @param outcome             the verification's outcome (EQUAL unless the engines disagree)
     */
    public record Result(long rows, double verifyRowsPerSecond, double scanRowsPerSecond, double postgresScanRowsPerSecond,
                         double mariadbScanRowsPerSecond, long verifyPeakHeapMb, long scanPeakHeapMb, long baseHeapMb,
                         double fillSeconds, double verifySeconds, Outcome outcome) {
    }

    private static final String TABLE = "bench_verify";
    private static final String PROJECTION = """
            converter: bench
            entities:
              row:
                commands: [row.]
                key: id
                table: bench_verify
                columns:
                  id: id
                  name: name
                  amount: {sql: amount, type: decimal}
                  created_at: {sql: created_at, type: timestamp}
            """;

    private final PrintStream out;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    public VerifyBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * Creates a table {@value #TABLE} in each database (dropping an older one), fills both with the same
     * {@code rows} rows, measures, and drops them.
     *
     * @param postgresUrl JDBC URL of a PostgreSQL database (or schema) the benchmark may write to
     * @param mariadbUrl  JDBC URL of a MariaDB database the benchmark may write to
     */
    public Result run(String postgresUrl, String mariadbUrl, int rows) throws SQLException, InterruptedException {
        return run(new DriverManagerDataSource(postgresUrl), new DriverManagerDataSource(mariadbUrl), rows);
    }

    public Result run(DataSource postgres, DataSource mariadb, int rows) throws SQLException, InterruptedException {
        out.printf("Verification benchmark: %,d rows in PostgreSQL and in MariaDB ...%n", rows);
        long start = System.nanoTime();
        fillPostgres(postgres, rows);
        fillMariaDb(mariadb, rows);
        double fillSeconds = seconds(start);
        out.printf("  filled both tables in %.1f s%n", fillSeconds);
        try {
            long baseHeap = heapAfterGc();
            Peak scanPeak = new Peak();
            long scanStart = System.nanoTime();
            double postgresScan = scan(postgres);
            double mariadbScan = scan(mariadb);
            double scanRate = 2.0 * rows / seconds(scanStart);
            long scanHeap = scanPeak.stop();
            out.printf("  ordered full scans: PostgreSQL %,.0f rows/s, MariaDB %,.0f rows/s; one after the other %,.0f rows/s; "
                    + "peak heap %,d MB%n", postgresScan, mariadbScan, scanRate, scanHeap >> 20);

            heapAfterGc();
            ProjectionSet projections = new ProjectionLoader().parse(PROJECTION, "VerifyBenchmark", "bench");
            Verifier verifier = new Verifier(ChangedKeys.withoutLog(),
                    new Verifier.Settings(1000, 10, 1000, Duration.ofSeconds(10), Duration.ofMillis(100)));
            Peak verifyPeak = new Peak();
            long verifyStart = System.nanoTime();
            VerificationReport report = verifier.verify(VerifiedStore.still("postgres", postgres, projections),
                    VerifiedStore.still("mariadb", mariadb, projections), null);
            double verifySeconds = seconds(verifyStart);
            long verifyHeap = verifyPeak.stop();
            if (report.error() != null) {
                throw new IllegalStateException("the benchmark's verification failed: " + report.error());
            }
            double verifyRate = (report.entities().get(0).sourceRows() + report.entities().get(0).targetRows()) / verifySeconds;
            out.printf("  verification: %,.0f rows/s (%.1f s, %s, %,d matched); peak heap %,d MB (base %,d MB)%n", verifyRate,
                    verifySeconds, report.outcome(), report.matched(), verifyHeap >> 20, baseHeap >> 20);
            return new Result(rows, verifyRate, scanRate, postgresScan, mariadbScan, verifyHeap >> 20, scanHeap >> 20,
                    baseHeap >> 20, fillSeconds, verifySeconds, report.outcome());
        } finally {
            drop(postgres);
            drop(mariadb);
        }
    }

    private static void fillPostgres(DataSource ds, int rows) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute(create());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (id, name, amount, created_at) "
                    + "SELECT 'k' || g, 'Name ' || g, (g % 100000) / 100.0, TIMESTAMP '2026-01-01 00:00:00' + g * INTERVAL '1 second' "
                    + "FROM generate_series(1, ?) g")) {
                ps.setInt(1, rows);
                ps.executeUpdate();
            }
            s.execute("ANALYZE " + TABLE);
        }
    }

    private static void fillMariaDb(DataSource ds, int rows) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute(create());
            // The Sequence engine's seq_1_to_N tables give N rows without a loop.
            s.execute("INSERT INTO " + TABLE + " (id, name, amount, created_at) SELECT CONCAT('k', seq), CONCAT('Name ', seq), "
                    + "(seq % 100000) / 100, TIMESTAMP('2026-01-01 00:00:00') + INTERVAL seq SECOND FROM seq_1_to_" + rows);
        }
    }

    private static String create() {
        return "CREATE TABLE " + TABLE + " (id VARCHAR(20) NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
                + "amount DECIMAL(12,2) NOT NULL, created_at TIMESTAMP(3) NULL DEFAULT NULL)";
    }

    /** A plain ordered full scan in the table's own index order, reading every column: the bound. */
    private static double scan(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, amount, created_at FROM " + TABLE + " ORDER BY id")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rs.getString(2);
                        rs.getBigDecimal(3);
                        rs.getObject(4, LocalDateTime.class);
                        rows++;
                    }
                }
            }
            double rate = rows / seconds(start);
            c.commit();
            return rate;
        }
    }

    private static void drop(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        } catch (SQLException e) {
            // A table left behind is dropped by the next run.
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private long heapAfterGc() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The highest heap in use, sampled every 10 ms on a thread of its own until stopped. */
    private final class Peak {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler;

        Peak() {
            sampler = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "verify-bench-heap");
            sampler.setDaemon(true);
            sampler.start();
        }

        long stop() throws InterruptedException {
            running.set(false);
            sampler.join();
            return peak.get();
        }
    }

    /** {@code VerifyBenchmark ROWS [POSTGRES_URL MARIADB_URL]}, for measuring by hand. */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String postgres = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        String mariadb = args.length > 2 ? args[2] : "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=";
        System.out.println(new VerifyBenchmark(System.out).run(postgres, mariadb, rows));
    }
}
