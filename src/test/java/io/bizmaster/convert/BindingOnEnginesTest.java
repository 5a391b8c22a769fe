package io.bizmaster.convert;

import static io.bizmaster.convert.TestCommands.cmd;
import static io.bizmaster.convert.TestStores.apply;
import static io.bizmaster.convert.TestStores.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.store.jdbc.StoreSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/** Nulls of every column type, and hostile text, through every operation on every engine. */
class BindingOnEnginesTest {

    static final String SCHEMA = """
            CREATE TABLE PROBE (
                ID      VARCHAR(200)  PRIMARY KEY,
                TXT     VARCHAR(500),
                NUM     DECIMAL(12,2),
                CNT     BIGINT,
                SEEN_AT TIMESTAMP(3)  NULL DEFAULT NULL,
                FLAG    BOOLEAN
            );
            """;

    static final String CONVERTER = """
            converter: probe
            version: 1
            on:
              probe.inserted:
                - insert: PROBE
                  set: {ID: key, TXT: payload.txt, NUM: payload.num, CNT: payload.cnt, SEEN_AT: timestamp(payload.at), FLAG: payload.flag}
              probe.saved:
                - upsert: PROBE
                  key: {ID: key}
                  set: {TXT: payload.txt, NUM: payload.num, CNT: payload.cnt, SEEN_AT: timestamp(payload.at), FLAG: payload.flag}
              probe.cleared:
                - update: PROBE
                  key: {ID: key}
                  set: {TXT: payload.none, NUM: payload.none, CNT: payload.none, SEEN_AT: payload.none, FLAG: payload.none}
              probe.counted:
                - increment: PROBE
                  key: {ID: key}
                  add: {CNT: payload.by, NUM: payload.byDecimal}
            """;

    @TempDir
    Path dir;

    ConverterRegistry registry;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("probe/schema"));
        Files.writeString(dir.resolve("probe/schema/V1__probe.sql"), SCHEMA);
        Files.writeString(dir.resolve("probe/v1.yaml"), CONVERTER);
        registry = new ConverterRegistry(dir, List.of());
    }

    private DataSource store(Dialect dialect) throws SQLException {
        DataSource ds = TestStores.fresh(dialect);
        // A store database that already holds something: V1 must still run (baseline at version 0).
        TestStores.execute(ds, "CREATE TABLE UNRELATED (X INT)");
        StoreSchema.migrate(ds, registry.schemaDirectory("probe"));
        return ds;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void nullsGoIntoEveryColumnType(Dialect dialect) throws SQLException {
        DataSource ds = store(dialect);
        BConverter probe = registry.get("probe@1");

        apply(probe, ds, "probe", List.of(
                cmd(1, "probe.inserted", "p1", "{}"),
                cmd(2, "probe.saved", "p2", "{}"),
                cmd(3, "probe.saved", "p3", "{`txt`: `t`, `num`: 12.30, `cnt`: 3, `at`: `2024-02-29T23:59:59.999Z`, `flag`: true}"),
                cmd(4, "probe.saved", "p3", "{`txt`: null}")));
        for (String id : List.of("p1", "p2", "p3")) {
            var r = row(ds, "SELECT * FROM PROBE WHERE ID = ?", id);
            for (String column : List.of("TXT", "NUM", "CNT", "SEEN_AT", "FLAG")) {
                assertThat(r.get(column)).as(id + "." + column).isNull();
            }
        }

        apply(probe, ds, "probe", List.of(
                cmd(5, "probe.saved", "p1", "{`txt`: `t`, `num`: 12.30, `cnt`: 3, `at`: `2024-02-29T23:59:59.999Z`, `flag`: false}")));
        var p1 = row(ds, "SELECT * FROM PROBE WHERE ID = ?", "p1");
        assertThat(p1.decimal("NUM")).isEqualTo(new BigDecimal("12.30"));
        assertThat(p1.number("CNT")).isEqualTo(3L);
        assertThat(p1.time("SEEN_AT")).isEqualTo(LocalDateTime.parse("2024-02-29T23:59:59.999"));
        assertThat(p1.bool("FLAG")).isFalse();

        apply(probe, ds, "probe", List.of(cmd(6, "probe.cleared", "p1", "{}"),
                cmd(7, "probe.counted", "p1", "{`by`: 5, `byDecimal`: 1.5}"),
                cmd(8, "probe.counted", "p1", "{`by`: 2, `byDecimal`: 0.25}")));
        p1 = row(ds, "SELECT * FROM PROBE WHERE ID = ?", "p1");
        assertThat(p1.get("TXT")).isNull();
        assertThat(p1.get("SEEN_AT")).isNull();
        assertThat(p1.get("FLAG")).isNull();
        assertThat(p1.number("CNT")).isEqualTo(7L);
        assertThat(p1.decimal("NUM")).isEqualTo(new BigDecimal("1.75"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void subMillisecondTimesAreTruncatedTheSameOnEveryEngine(Dialect dialect) throws SQLException {
        DataSource ds = store(dialect);
        apply(registry.get("probe@1"), ds, "probe", List.of(
                cmd(1, "probe.saved", "p1", "{`at`: `2024-01-01T10:00:00.123789Z`}"),
                cmd(2, "probe.saved", "p2", "{`at`: `2024-01-01T12:00:00.999999+02:00`}")));
        assertThat(row(ds, "SELECT SEEN_AT FROM PROBE WHERE ID = 'p1'").time("SEEN_AT")).isEqualTo(LocalDateTime.parse("2024-01-01T10:00:00.123"));
        assertThat(row(ds, "SELECT SEEN_AT FROM PROBE WHERE ID = 'p2'").time("SEEN_AT")).isEqualTo(LocalDateTime.parse("2024-01-01T10:00:00.999"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void oneStatementTakesNullsAndValuesInTurnManyTimes(Dialect dialect) throws SQLException {
        // PostgreSQL's driver switches to a server-side prepared statement after a few executions; the
        // parameter types then change from "unknown" (null) to text, numeric... and back.
        DataSource ds = store(dialect);
        List<SequencedCommand> commands = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            commands.add(i % 2 == 0
                    ? cmd(i, "probe.saved", "p" + (i % 3), "{`txt`: `t" + i + "`, `num`: " + i + ".5, `cnt`: " + i + ", `at`: `2024-01-01T00:00:00Z`, `flag`: true}")
                    : cmd(i, "probe.saved", "p" + (i % 3), "{}"));
        }
        apply(registry.get("probe@1"), ds, "probe", commands);
        var p0 = row(ds, "SELECT * FROM PROBE WHERE ID = 'p0'");
        assertThat(p0.string("TXT")).isEqualTo("t12");
        assertThat(p0.decimal("NUM")).isEqualTo(new BigDecimal("12.50"));
        assertThat(row(ds, "SELECT * FROM PROBE WHERE ID = 'p2'").get("NUM")).as("last saved by seq 11, all null").isNull();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void hostileTextIsStoredVerbatim(Dialect dialect) throws SQLException {
        DataSource ds = store(dialect);
        BConverter probe = registry.get("probe@1");
        List<String> hostile = List.of(
                "'; DROP TABLE PROBE; --",
                "O'Brien \"Bobby\" `tick` ; -- /* comment */",
                "back\\slash \\' \\\\ \\0 \\n",
                "? $1 :name %s {0}",
                "Zoë Åström 日本語 Ελληνικά 😀 \u202Eevil",
                "  spaces kept  ",
                "");
        for (int i = 0; i < hostile.size(); i++) {
            String text = hostile.get(i);
            String key = "k" + i + text;
            ObjectNode payload = TestCommands.JSON.createObjectNode().put("txt", text);
            SequencedCommand saved = new SequencedCommand(i + 1, new Command("id" + i, "probe.saved", key, payload, "app", TestCommands.T0));
            apply(probe, ds, "probe", List.of(saved));
            assertThat(row(ds, "SELECT TXT FROM PROBE WHERE ID = ?", key).string("TXT")).as(text).isEqualTo(text);
        }
        assertThat(TestStores.rows(ds, "SELECT ID FROM PROBE")).hasSize(hostile.size());
    }
}
