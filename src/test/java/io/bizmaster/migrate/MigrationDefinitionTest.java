package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.DefinitionLoader;
import org.junit.jupiter.api.Test;

class MigrationDefinitionTest {

    private final MigrationDefinitions definitions = new MigrationDefinitions(new DefinitionLoader());

    private MigrationDefinition parse(String text) {
        return definitions.parse(text);
    }

    private StoreMigrationPlan store(String text) {
        return (StoreMigrationPlan) parse(text).plan();
    }

    @Test
    void defaultsToReplayWithAFiveSecondFreezeBudget() {
        MigrationDefinition d = parse("id: m1\nsource: legacy\ntarget: modern2\n");
        StoreMigrationPlan plan = (StoreMigrationPlan) d.plan();
        assertThat(plan.backfill()).isEqualTo(new Backfill.Replay(ReplayFrom.SAVEPOINT));
        assertThat(d.limits().maxFreezeMillis()).isEqualTo(5_000);
        assertThat(plan.converter()).isEmpty();
        assertThat(plan.kind()).isEqualTo("store");
    }

    @Test
    void readsASnapshotMapping() {
        Backfill.Snapshot snapshot = (Backfill.Snapshot) store(SnapshotMigrationTest.DEFINITION).backfill();
        assertThat(snapshot.mapping()).extracting(RowMapping::table).containsExactly("customers", "addresses", "orders");
        assertThat(snapshot.mapping().get(1).key()).isEqualTo("customer_id");
    }

    @Test
    void listsEveryProblemAtOnceWithItsLine() {
        assertThatThrownBy(() -> parse("id: Bad Id\nsource: a\ntarget: a\nbackfill: copy\n"
                + "max-freeze-ms: -1\nconverter: nope\ncolour: red\n"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("6 problems")
                .hasMessageContaining("the migration definition:1: id: 'Bad Id' must match")
                .hasMessageContaining("the migration definition:3: target: source and target are both 'a'")
                .hasMessageContaining("the migration definition:4: backfill: 'copy' must be replay or snapshot")
                .hasMessageContaining("the migration definition:5: max-freeze-ms: must be a positive whole number, got '-1'")
                .hasMessageContaining(":6: converter: ").hasMessageContaining("name@version")
                .hasMessageContaining("the migration definition:7: colour: unknown key 'colour'");
    }

    @Test
    void aSnapshotNeedsAMappingOfPlainTableNames() {
        assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nbackfill: snapshot\n"))
                .hasMessageContaining("backfill: snapshot needs a mapping");
        assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nbackfill: snapshot\n"
                + "mapping: [{table: 'x; DROP TABLE y', key: id, query: SELECT 1}]\n"))
                .hasMessageContaining("mapping[0].table: 'x; DROP TABLE y' must be a plain SQL name");
        assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nbackfill: snapshot\n"
                + "mapping:\n  - {table: t, key: id}\n"))
                .hasMessageContaining(":6: mapping[0].query: is missing");
    }

    @Test
    void aReplayStartsFromZeroOrFromTheTargetsSavepoint() {
        assertThat(store("id: m\nsource: a\ntarget: b\nfrom: 0\n").backfill()).isEqualTo(new Backfill.Replay(ReplayFrom.ZERO));
        assertThat(store("id: m\nsource: a\ntarget: b\nbackfill: replay\nfrom: savepoint\n").backfill())
                .isEqualTo(new Backfill.Replay(ReplayFrom.SAVEPOINT));
        assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nfrom: 500\n"))
                .hasMessageContaining("from: must be 0 (empty the target and rebuild it from the log) or savepoint")
                .hasMessageContaining("got '500'").hasMessageContaining("replay --store NAME --from SEQ");
        assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nfrom: latest\n"))
                .hasMessageContaining("got 'latest'");
        assertThatThrownBy(() -> parse(SnapshotMigrationTest.DEFINITION + "from: 0\n"))
                .hasMessageContaining("from: goes with backfill replay");
    }

    @Test
    void aBackfillRateCapIsAPositiveWholeNumberAndNoneByDefault() {
        assertThat(parse("id: m\nsource: a\ntarget: b\n").limits().maxRate()).isZero();
        assertThat(parse("id: m\nsource: a\ntarget: b\n").limits().maxRateOrNull()).as("status: uncapped").isNull();
        assertThat(parse("id: m\nsource: a\ntarget: b\nmax-rate: 5000\n").limits().maxRate()).isEqualTo(5_000);
        assertThat(parse("id: l\nkind: log\ntarget-log: {url: 'jdbc:h2:file:./x'}\nmax-rate: 300\n").limits().maxRate())
                .isEqualTo(300);
        for (String bad : new String[] {"0", "-5"}) {
            assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nmax-rate: " + bad + "\n"))
                    .as("max-rate: %s", bad)
                    .hasMessageContaining("max-rate: must be a positive whole number, got '" + bad + "'");
        }
        for (String bad : new String[] {"2.5", "fast", "99999999999999999999", "1e30", "[1]"}) {
            assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nmax-rate: " + bad + "\n"))
                    .as("max-rate: %s", bad)
                    .hasMessageContaining(":4: max-rate: expected a whole number");
        }
        assertThatThrownBy(() -> parse("id: m\nsource: a\ntarget: b\nchunk: 2.5\n"))
                .hasMessageContaining("chunk: expected a whole number, got 2.5");
    }

    @Test
    void notYaml() {
        assertThatThrownBy(() -> parse("id: [unclosed")).hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> parse("- a\n- b\n")).hasMessageContaining("expected a mapping");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> parse("id: m\nid: n\nsource: a\ntarget: b\n")).hasMessageContaining("Duplicate");
    }

    @Test
    void aLogMoveNamesTheNewBusinessStoreWithAPasswordPlaceholder() {
        MigrationDefinition d = parse("id: log1\nkind: log\ntarget-log:\n  url: jdbc:postgresql://db/biz\n"
                + "  username: app\n  password: ${BIZ_LOG_PASSWORD}\nmax-freeze-ms: 2000\n");
        LogMovePlan plan = (LogMovePlan) d.plan();
        assertThat(plan.kind()).isEqualTo("log");
        assertThat(plan.targetLog().url()).isEqualTo("jdbc:postgresql://db/biz");
        assertThat(plan.targetLog().passwordPlaceholder()).isEqualTo("${BIZ_LOG_PASSWORD}");
        assertThat(d.limits().maxFreezeMillis()).isEqualTo(2_000);
    }

    @Test
    void aLogMoveRefusesStoreSettingsAndSecrets() {
        assertThatThrownBy(() -> parse("id: log1\nkind: log\ntarget: modern2\nbackfill: replay\n"
                + "target-log: {url: 'jdbc:h2:mem:x?password=p', password: hunter2, colour: red}\n"))
                .hasMessageContaining("target: names stores")
                .hasMessageContaining("backfill: names stores")
                .hasMessageContaining("target-log.password: must be a placeholder")
                .hasMessageContaining("target-log.url: carries a password")
                .hasMessageContaining("target-log.colour: unknown key 'colour'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("id: log1\nkind: log\ntarget-log: {url: postgres://db}\n"))
                .hasMessageContaining("target-log.url: the JDBC URL (which does not start with jdbc:NAME:) names no allowed engine");
        assertThatThrownBy(() -> parse("id: m1\nkind: table\nsource: a\ntarget: b\n"))
                .hasMessageContaining("kind: 'table' must be store (the default) or log");
        assertThatThrownBy(() -> parse("id: m1\nsource: a\ntarget: b\ntarget-log: {url: 'jdbc:h2:file:./x'}\n"))
                .hasMessageContaining("target-log: is only used by kind: log");
    }
}
