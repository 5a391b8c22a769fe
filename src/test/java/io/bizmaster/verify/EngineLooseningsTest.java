package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What differs on every row between engines that mean the same values: CHAR padding (PostgreSQL and H2
 * pad, MariaDB strips), booleans (BOOLEAN against an INT of 0/1) and sub-second digits (TIMESTAMP(6)
 * against a TIMESTAMP(3) that truncates). Strictly, every row differs in exactly those columns; each
 * declared loosening removes its column from the differences, and all of them together make the stores equal.
 */
class EngineLooseningsTest {

    static final int ROWS = 300;

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "H2"})
    void eachLooseningRemovesItsColumnAndAllTogetherMakeTheStoresEqual(Dialect sourceEngine) throws SQLException {
        DataSource source = TestDatabases.fresh(sourceEngine);
        DataSource target = TestDatabases.fresh(Dialect.MARIADB);
        TestDatabases.execute(source, "CREATE TABLE flagged (id VARCHAR(20) NOT NULL PRIMARY KEY, code CHAR(8), "
                + "active BOOLEAN, seen_at TIMESTAMP(6) NULL DEFAULT NULL)");
        TestDatabases.execute(target, "CREATE TABLE flagged (id VARCHAR(20) NOT NULL PRIMARY KEY, code CHAR(8), "
                + "active INT, seen_at TIMESTAMP(3) NULL DEFAULT NULL)");
        fill(source, true);
        fill(target, false);
        Verifier verifier = new Verifier(ChangedKeys.withoutLog(),
                new Verifier.Settings(64, 10, 1000, Duration.ofSeconds(5), Duration.ofMillis(50)));

        VerificationReport strict = verifier.verify(store("source", source, Map.of()), store("target", target, Map.of()), null);
        assertThat(strict.error()).isNull();
        EntityReport flagged = strict.entities().get(0);
        assertThat(flagged.different()).isEqualTo(ROWS);
        assertThat(flagged.differentByColumn()).containsExactlyInAnyOrderEntriesOf(
                Map.of("code", (long) ROWS, "active", (long) ROWS, "seen_at", (long) ROWS));
        Difference first = strict.differences().get(0);
        assertThat(first.source().get("code")).endsWith("  ");
        assertThat(first.source().get("active")).isIn("true", "false");
        assertThat(first.target().get("active")).isIn("1", "0");

        Map<String, String> loosenings = Map.of("code", "ignore-trailing-spaces: true", "active", "type: boolean",
                "seen_at", "precision: millis");
        for (Map.Entry<String, String> loosening : loosenings.entrySet()) {
            VerificationReport loosened = verifier.verify(store("source", source, Map.of()),
                    store("target", target, Map.of(loosening.getKey(), loosening.getValue())), null);
            assertThat(loosened.error()).isNull();
            assertThat(loosened.entities().get(0).differentByColumn()).as(loosening.getValue())
                    .doesNotContainKey(loosening.getKey()).hasSize(2);
        }
        VerificationReport all = verifier.verify(store("source", source, Map.of("active", "type: boolean")),
                store("target", target, Map.of("code", "ignore-trailing-spaces: true", "seen_at", "precision: millis")), null);
        assertThat(all.outcome()).isEqualTo(Outcome.EQUAL);
        assertThat(all.matched()).isEqualTo(ROWS);
        assertThat(all.entities().get(0).rules()).containsEntry("code", "ignore-trailing-spaces")
                .containsEntry("active", "type boolean").containsEntry("seen_at", "precision millis");
    }

    static VerifiedStore store(String name, DataSource ds, Map<String, String> rules) {
        StringBuilder yaml = new StringBuilder("converter: flags\nentities:\n  flagged:\n    commands: [flag.]\n    key: id\n"
                + "    table: flagged\n    columns:\n      id: id\n");
        for (String column : List.of("code", "active", "seen_at")) {
            String rule = rules.get(column);
            yaml.append("      ").append(column).append(": ").append(rule == null ? column : "{sql: " + column + ", " + rule + "}")
                    .append('\n');
        }
        return VerifiedStore.still(name, ds, new ProjectionLoader().parse(yaml.toString(), name, "flags"));
    }

    static void fill(DataSource ds, boolean booleans) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO flagged (id, code, active, seen_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                ps.setString(1, "f" + i);
                ps.setString(2, "C" + i);
                if (booleans) {
                    ps.setBoolean(3, i % 2 == 0);
                } else {
                    ps.setInt(3, i % 2 == 0 ? 1 : 0);
                }
                // Microseconds the TIMESTAMP(3) side cannot hold: MariaDB truncates them to .123.
                ps.setObject(4, LocalDateTime.of(2026, 3, 1, 12, 0).plusSeconds(i).plusNanos(123_456_000));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
