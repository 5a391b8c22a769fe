package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationDefinitionTest {

    @Test
    void defaultsToReplayWithAFiveSecondFreezeBudget() {
        MigrationDefinition d = MigrationDefinition.parse("id: m1\nsource: legacy\ntarget: modern2\n");
        assertThat(d.backfill()).isEqualTo(BackfillMode.REPLAY);
        assertThat(d.maxFreezeMillis()).isEqualTo(5_000);
        assertThat(d.converter()).isNull();
        assertThat(d.mapping()).isEmpty();
    }

    @Test
    void readsASnapshotMapping() {
        MigrationDefinition d = MigrationDefinition.parse(SnapshotMigrationTest.DEFINITION);
        assertThat(d.backfill()).isEqualTo(BackfillMode.SNAPSHOT);
        assertThat(d.mapping()).extracting(RowMapping::table).containsExactly("customers", "addresses", "orders");
        assertThat(d.mapping().get(1).key()).isEqualTo("customer_id");
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> MigrationDefinition.parse("id: Bad Id\nsource: a\ntarget: a\nbackfill: copy\n"
                + "max-freeze-ms: -1\nconverter: nope\ncolour: red\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'colour'")
                .hasMessageContaining("id 'Bad Id' must match")
                .hasMessageContaining("source and target are both 'a'")
                .hasMessageContaining("backfill 'copy' must be replay or snapshot")
                .hasMessageContaining("'max-freeze-ms' must be a positive whole number")
                .hasMessageContaining("name@version");
    }

    @Test
    void aSnapshotNeedsAMappingOfPlainTableNames() {
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nbackfill: snapshot\n"))
                .hasMessageContaining("needs a mapping");
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nbackfill: snapshot\n"
                + "mapping: [{table: 'x; DROP TABLE y', key: id, query: SELECT 1}]\n"))
                .hasMessageContaining("plain SQL names");
    }

    @Test
    void aReplayStartsFromZeroOrFromTheTargetsSavepoint() {
        assertThat(MigrationDefinition.parse("id: m\nsource: a\ntarget: b\n").from()).isEqualTo(ReplayFrom.SAVEPOINT);
        assertThat(MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nfrom: 0\n").from()).isEqualTo(ReplayFrom.ZERO);
        assertThat(MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nbackfill: replay\nfrom: savepoint\n").from())
                .isEqualTo(ReplayFrom.SAVEPOINT);
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nfrom: 500\n"))
                .hasMessageContaining("'from' must be 0 (empty the target and rebuild it from the log) or savepoint")
                .hasMessageContaining("got '500'").hasMessageContaining("replay --store NAME --from SEQ");
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nfrom: latest\n"))
                .hasMessageContaining("got 'latest'");
        assertThatThrownBy(() -> MigrationDefinition.parse(SnapshotMigrationTest.DEFINITION + "from: 0\n"))
                .hasMessageContaining("'from' goes with backfill replay");
    }

    @Test
    void aBackfillRateCapIsAPositiveWholeNumberAndNoneByDefault() {
        assertThat(MigrationDefinition.parse("id: m\nsource: a\ntarget: b\n").maxRate()).isZero();
        assertThat(MigrationDefinition.parse("id: m\nsource: a\ntarget: b\n").maxRateOrNull()).as("status: uncapped").isNull();
        assertThat(MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nmax-rate: 5000\n").maxRate()).isEqualTo(5_000);
        assertThat(MigrationDefinition.parse("id: l\nkind: log\ntarget-log: {url: 'jdbc:h2:mem:x'}\nmax-rate: 300\n").maxRate())
                .isEqualTo(300);
        for (String bad : new String[] {"0", "-5", "2.5", "fast", "99999999999999999999"}) {
            assertThatThrownBy(() -> MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nmax-rate: " + bad + "\n"))
                    .as("max-rate: %s", bad)
                    .hasMessageContaining("'max-rate' must be a positive whole number, got '" + bad + "'");
        }
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nmax-rate: 1e30\n"))
                .hasMessageContaining("'max-rate' must be a positive whole number, got '1.0E30'");
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m\nsource: a\ntarget: b\nchunk: 2.5\n"))
                .hasMessageContaining("'chunk' must be a positive whole number, got '2.5'");
    }

    @Test
    void notYaml() {
        assertThatThrownBy(() -> MigrationDefinition.parse("id: [unclosed")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> MigrationDefinition.parse("- a\n- b\n")).hasMessageContaining("YAML mapping");
    }

    @Test
    void aLogMigrationNamesTheNewBusinessStoreWithAPasswordPlaceholder() {
        MigrationDefinition d = MigrationDefinition.parse("id: log1\nkind: log\ntarget-log:\n  url: jdbc:postgresql://db/biz\n"
                + "  username: app\n  password: ${BIZ_LOG_PASSWORD}\nmax-freeze-ms: 2000\n");
        assertThat(d.movesLog()).isTrue();
        assertThat(d.kind()).isEqualTo(MigrationKind.LOG);
        assertThat(d.targetLog().url()).isEqualTo("jdbc:postgresql://db/biz");
        assertThat(d.targetLog().passwordPlaceholder()).isEqualTo("${BIZ_LOG_PASSWORD}");
        assertThat(d.maxFreezeMillis()).isEqualTo(2_000);
        assertThat(d.source()).isNull();
        assertThat(MigrationDefinition.parse("id: m1\nsource: legacy\ntarget: modern2\n").kind()).isEqualTo(MigrationKind.STORE);
    }

    @Test
    void aLogMigrationRefusesStoreSettingsAndSecrets() {
        assertThatThrownBy(() -> MigrationDefinition.parse("id: log1\nkind: log\ntarget: modern2\nbackfill: replay\n"
                + "target-log: {url: 'jdbc:h2:mem:x?password=p', password: hunter2, colour: red}\n"))
                .hasMessageContaining("'target' names stores")
                .hasMessageContaining("'backfill' names stores")
                .hasMessageContaining("target-log.password must be a placeholder")
                .hasMessageContaining("target-log.url carries a password")
                .hasMessageContaining("unknown setting 'target-log.colour'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MigrationDefinition.parse("id: log1\nkind: log\ntarget-log: {url: postgres://db}\n"))
                .hasMessageContaining("target-log.url must be a JDBC URL");
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m1\nkind: table\nsource: a\ntarget: b\n"))
                .hasMessageContaining("kind 'table' must be store (the default) or log");
        assertThatThrownBy(() -> MigrationDefinition.parse("id: m1\nsource: a\ntarget: b\ntarget-log: {url: 'jdbc:h2:mem:x'}\n"))
                .hasMessageContaining("target-log is only used by kind: log");
    }
}
