package io.bizmaster.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.DemoStores;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batching must never reorder two statements that touch one row. Random mixes of statements that do not
 * commute (set, increment, double, delete, upsert, and inserts that name no row) on a few keys, including
 * keys that MariaDB's case- and accent-insensitive collation treats as one row, applied batched and one by
 * one: the rows must be identical on every engine.
 */
class StoreSessionOrderTest {

    private static final String[] KEYS = {"a", "A", "á", "a ", "b", "B", "c", "d-1", "d1", "e"};

    private record Step(String sql, String table, String key, Object[] values) {
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void batchedStatementsKeepTheOrderOfEachRow(Dialect dialect) throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            List<Step> steps = steps(new Random(seed), 3000, dialect);
            DataSource oneByOne = store(dialect);
            DataSource batched = store(dialect);
            for (int from = 0; from < steps.size(); from += 400) {
                List<Step> transaction = steps.subList(from, Math.min(steps.size(), from + 400));
                run(oneByOne, dialect, transaction, false);
                run(batched, dialect, transaction, true);
            }
            for (String query : List.of("SELECT id, v, s FROM t", "SELECT n, id, v FROM h")) {
                var expected = DemoStores.rows(oneByOne, query);
                assertThat(expected).as("the random mix touched rows").isNotEmpty();
                assertThat(DemoStores.rows(batched, query)).as(query + " on " + dialect + ", seed " + seed).isEqualTo(expected);
            }
        }
    }

    private static List<Step> steps(Random random, int count, Dialect dialect) {
        String upsert = switch (dialect) {
            case H2 -> "MERGE INTO t (id, s) KEY (id) VALUES (?, ?)";
            case POSTGRESQL -> "INSERT INTO t (id, s) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET s = EXCLUDED.s";
            case MARIADB -> "INSERT INTO t (id, s) VALUES (?, ?) ON DUPLICATE KEY UPDATE s = VALUES(s)";
        };
        List<Step> steps = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            steps.add(switch (random.nextInt(7)) {
                case 0 -> new Step(upsert, "t", key, new Object[] {key, "u" + n});
                case 1 -> new Step("UPDATE t SET s = ? WHERE id = ?", "t", key, new Object[] {"s" + n, key});
                case 2 -> new Step("UPDATE t SET v = COALESCE(v, 0) + ? WHERE id = ?", "t", key, new Object[] {n % 5 + 1, key});
                case 3 -> new Step("UPDATE t SET v = MOD(COALESCE(v, 1) * 2, 1000003) WHERE id = ?", "t", key, new Object[] {key});
                case 4 -> new Step("DELETE FROM t WHERE id = ?", "t", key, new Object[] {key});
                // An insert that names no row must follow every earlier statement on its table, and precede later ones.
                case 5 -> new Step("INSERT INTO h (n, id, v) VALUES (?, ?, ?)", "h", null, new Object[] {n, key, n});
                default -> new Step("UPDATE h SET v = MOD(v * 3 + 1, 1000003) WHERE id = ?", "h", key, new Object[] {key});
            });
        }
        return steps;
    }

    private static void run(DataSource ds, Dialect dialect, List<Step> steps, boolean batching) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (StoreSession session = new StoreSession("order-test", c, dialect, batching)) {
                for (Step step : steps) {
                    session.execute(step.sql(), step.table(), step.key() == null ? null : List.of(step.key()), ps -> {
                        for (int i = 0; i < step.values().length; i++) {
                            ps.setObject(i + 1, step.values()[i]);
                        }
                    }, count -> { });
                }
                session.flush();
                c.commit();
            }
        }
    }

    private static DataSource store(Dialect dialect) throws SQLException {
        DataSource ds = TestStores.fresh(dialect);
        TestStores.execute(ds,
                "CREATE TABLE t (id VARCHAR(20) PRIMARY KEY, v BIGINT, s VARCHAR(20))",
                "CREATE TABLE h (n BIGINT PRIMARY KEY, id VARCHAR(20) NOT NULL, v BIGINT NOT NULL)");
        return ds;
    }
}
