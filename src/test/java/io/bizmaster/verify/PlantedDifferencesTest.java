package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.store.jdbc.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differences planted between two copies of one table, on every pairing of engines: every planted
 * difference is found and nothing else is; and each declared loosening makes exactly its own planted
 * difference compare equal. Keys mix case, accents, CJK and an emoji, so the engines' own string orders
 * (MariaDB's case-insensitive one, H2's UTF-16 one) would misalign the merge if the verifier trusted them.
 */
class PlantedDifferencesTest {

    static final int ROWS = 2_500;
    static final String[] PREFIXES = {"a", "B", "c", "D", "é", "Ω", "z", "Zz", "日本", "😀"};
    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 8, 0, 0, 123_000_000);

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(Dialect.H2, Dialect.H2),
                Arguments.of(Dialect.POSTGRESQL, Dialect.MARIADB),
                Arguments.of(Dialect.MARIADB, Dialect.POSTGRESQL),
                Arguments.of(Dialect.H2, Dialect.POSTGRESQL),
                Arguments.of(Dialect.MARIADB, Dialect.H2));
    }

    static String key(int i) {
        return PREFIXES[i % PREFIXES.length] + "-" + i;
    }

    /** The differences planted, as the report must show them: kind, key and differing columns. */
    static final Map<String, String> PLANTED = new LinkedHashMap<>();

    static {
        PLANTED.put("missing", "MISSING " + key(10));
        PLANTED.put("missing 2", "MISSING " + key(1_311));
        PLANTED.put("missing 3", "MISSING " + key(ROWS - 1));
        PLANTED.put("extra", "EXTRA extra-1");
        PLANTED.put("extra 2", "EXTRA 😀-zzz");
        PLANTED.put("changed", "DIFFERENT " + key(101) + " [name]");
        PLANTED.put("null against a value", "DIFFERENT " + key(202) + " [name]");
        PLANTED.put("empty against null", "DIFFERENT " + key(303) + " [note]");
        PLANTED.put("1.10 against 1.1", "DIFFERENT " + key(404) + " [amount]");
        PLANTED.put("timestamp in another zone", "DIFFERENT " + key(505) + " [local_at]");
        PLANTED.put("trailing spaces", "DIFFERENT " + key(606) + " [label]");
        PLANTED.put("composed against decomposed", "DIFFERENT " + key(707) + " [city]");
        PLANTED.put("case", "DIFFERENT " + key(808) + " [email]");
    }

    /** Each loosening, the side that declares it (loosenings apply to both), and the difference it removes. */
    record Loosening(String column, String rule, boolean onSource, String removes) {
    }

    static final List<Loosening> LOOSENINGS = List.of(
            new Loosening("amount", "scale: 2", false, "1.10 against 1.1"),
            new Loosening("local_at", "zone: Europe/Paris", false, "timestamp in another zone"),
            new Loosening("label", "ignore-trailing-spaces: true", true, "trailing spaces"),
            new Loosening("city", "unicode: NFC", true, "composed against decomposed"),
            new Loosening("email", "ignore-case: true", false, "case"),
            new Loosening("note", "empty-is-null: true", true, "empty against null"));

    @ParameterizedTest(name = "{0} against {1}")
    @MethodSource("pairs")
    void findsEveryPlantedDifferenceAndNothingElse(Dialect sourceEngine, Dialect targetEngine) throws SQLException {
        DataSource source = TestDatabases.fresh(sourceEngine);
        DataSource target = TestDatabases.fresh(targetEngine);
        create(source, "DECIMAL(10,2)");
        create(target, "DECIMAL(10,1)");
        fill(source);
        fill(target);
        plant(source, target);
        Verifier verifier = new Verifier(ChangedKeys.withoutLog(),
                new Verifier.Settings(97, 100, 1000, Duration.ofSeconds(5), Duration.ofMillis(50)));

        VerificationReport strict = verifier.verify(store("source", source, null, null), store("target", target, null, null), null);

        assertThat(strict.error()).isNull();
        assertThat(strict.outcome()).isEqualTo(Outcome.DIFFERENT);
        assertThat(differences(strict)).containsExactlyInAnyOrderElementsOf(PLANTED.values());
        EntityReport item = strict.entities().get(0);
        assertThat(item.sourceRows()).isEqualTo(ROWS);
        assertThat(item.targetRows()).isEqualTo(ROWS - 3 + 2);
        assertThat(item.missing()).isEqualTo(3);
        assertThat(item.extra()).isEqualTo(2);
        assertThat(item.different()).isEqualTo(8);
        assertThat(item.matched()).isEqualTo(ROWS - 3 - 8);
        assertThat(item.differentByColumn()).containsEntry("name", 2L).containsEntry("amount", 1L);
        assertThat(strict.entities().get(0).rules()).allSatisfy((column, rule) -> assertThat(rule).isEqualTo("strict"));

        for (Loosening loosening : LOOSENINGS) {
            VerificationReport loosened = verifier.verify(
                    store("source", source, loosening.onSource() ? loosening : null, null),
                    store("target", target, loosening.onSource() ? null : loosening, null), null);
            Set<String> expected = new TreeSet<>(PLANTED.values());
            expected.remove(PLANTED.get(loosening.removes()));
            assertThat(differences(loosened)).as("with %s on %s", loosening.rule(), loosening.column())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(loosened.entities().get(0).matched()).isEqualTo(ROWS - 3 - 8 + 1);
        }
    }

    static List<String> differences(VerificationReport report) {
        assertThat(report.error()).isNull();
        List<String> found = new ArrayList<>();
        for (Difference d : report.differences()) {
            found.add(d.kind() + " " + d.key() + (d.kind() == Difference.Kind.DIFFERENT ? " " + d.columns() : ""));
        }
        assertThat(report.differenceCount()).as("differences counted").isEqualTo(found.size());
        return found;
    }

    static VerifiedStore store(String name, DataSource ds, Loosening loosening, String extraColumn) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String column : List.of("id", "name", "note", "email", "label", "city", "amount", "price", "placed_at", "local_at")) {
            columns.put(column, column);
        }
        if (loosening != null) {
            columns.put(loosening.column(), "{sql: " + loosening.column() + ", " + loosening.rule() + "}");
        }
        if (extraColumn != null) {
            columns.put(extraColumn, extraColumn);
        }
        StringBuilder yaml = new StringBuilder("converter: items\nentities:\n  item:\n    commands: [item.]\n    key: id\n"
                + "    table: item\n    columns:\n");
        columns.forEach((column, spec) -> yaml.append("      ").append(column).append(": ").append(spec).append('\n'));
        return VerifiedStore.still(name, ds, new ProjectionLoader().parse(yaml.toString(), name, "items"));
    }

    static void create(DataSource ds, String amountType) {
        TestDatabases.execute(ds, "CREATE TABLE item (id VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(100), "
                + "note VARCHAR(100), email VARCHAR(100), label VARCHAR(100), city VARCHAR(100), amount " + amountType
                + ", price DECIMAL(12,2), placed_at TIMESTAMP(3) NULL DEFAULT NULL, local_at TIMESTAMP(3) NULL DEFAULT NULL)");
    }

    static void fill(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (id, name, note, email, label, city, amount, price, "
                    + "placed_at, local_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setString(1, key(i));
                    ps.setString(2, "Name " + i);
                    ps.setString(3, "note " + i);
                    ps.setString(4, "user" + i + "@example.com");
                    ps.setString(5, "label " + i);
                    ps.setString(6, "K\u00f8benhavn");
                    ps.setBigDecimal(7, BigDecimal.valueOf(i * 7L, 2));
                    ps.setObject(8, T0.plusSeconds(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    static void plant(DataSource source, DataSource target) {
        for (int i : new int[] {10, 1_311, ROWS - 1}) {
            TestDatabases.update(target, "DELETE FROM item WHERE id = ?", key(i));
        }
        TestDatabases.update(target, "INSERT INTO item (id, name, city) VALUES ('extra-1', 'Extra', 'K\u00f8benhavn')");
        TestDatabases.update(target, "INSERT INTO item (id, name) VALUES (?, 'Extra')", "😀-zzz");
        TestDatabases.update(target, "UPDATE item SET name = 'Changed' WHERE id = ?", key(101));
        TestDatabases.update(target, "UPDATE item SET name = NULL WHERE id = ?", key(202));
        TestDatabases.update(source, "UPDATE item SET note = '' WHERE id = ?", key(303));
        TestDatabases.update(target, "UPDATE item SET note = NULL WHERE id = ?", key(303));
        TestDatabases.update(source, "UPDATE item SET amount = ? WHERE id = ?", new BigDecimal("1.10"), key(404));
        TestDatabases.update(target, "UPDATE item SET amount = ? WHERE id = ?", new BigDecimal("1.1"), key(404));
        // The same instant: 08:00 UTC written by the converters, 09:00 wall-clock time in Paris in the target.
        TestDatabases.update(source, "UPDATE item SET local_at = ? WHERE id = ?", LocalDateTime.of(2026, 1, 15, 8, 0), key(505));
        TestDatabases.update(target, "UPDATE item SET local_at = ? WHERE id = ?", LocalDateTime.of(2026, 1, 15, 9, 0), key(505));
        TestDatabases.update(source, "UPDATE item SET label = 'label 606  ' WHERE id = ?", key(606));
        TestDatabases.update(source, "UPDATE item SET city = ? WHERE id = ?", "Zo\u00eb", key(707));
        TestDatabases.update(target, "UPDATE item SET city = ? WHERE id = ?", "Zoe\u0308", key(707));
        TestDatabases.update(source, "UPDATE item SET email = 'Ada@Example.com' WHERE id = ?", key(808));
        TestDatabases.update(target, "UPDATE item SET email = 'ada@example.com' WHERE id = ?", key(808));
    }
}
