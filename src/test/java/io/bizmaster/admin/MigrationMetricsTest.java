package io.bizmaster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.migrate.MigrationPhase;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.PrometheusScrape;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A migration as Prometheus follows it: one phase series at 1 and the others at 0 as it goes from backfill to READY,
 * cut over and rolled back, its backfill progress, and each freeze window: counted by action in the Timer, the last
 * one in the gauge, the same the migration's status shows.
 */
class MigrationMetricsTest extends OperationsTestSupport {

    @Test
    void aMigrationsPhaseProgressAndFreezeWindowsAreInTheMetrics() {
        DemoStream stream = DemoStream.generate(600, 60, 31, "mm");
        long head = log.head() + stream.messages().size();
        post(stream.messages());
        awaitApplied(head, Duration.ofMinutes(1));

        String id = "metrics-m1";
        operator().postOk("/api/migrations", "{\"id\": \"" + id + "\", \"source\": \"legacy\", \"target\": \"modern2\", "
                + "\"backfill\": \"replay\", \"max-freeze-ms\": 5000, \"max-cutover-lag\": 2000, \"chunk\": 200}", 201);
        // The gauges are read at a scrape, each from the migrations' status of that moment (cached briefly), so the
        // phase can show READY a scrape before the target's lag has its last value.
        PrometheusScrape ready = awaitScrape(id + " READY in the metrics, the target caught up", s -> inPhase(s, id,
                MigrationPhase.READY) && s.value("bizmaster_migration_target_lag", "migration", id) == 0);
        assertThat(ready.value("bizmaster_migration_progress", "migration", id)).isEqualTo(100.0);
        assertThat(ready.value("bizmaster_migration_freeze_window_last_seconds", "migration", id)).isNaN();
        assertThat(ready.sum("bizmaster_migration_freeze_window_seconds_count", "migration", id)).isZero();

        JsonNode cut = operator().postOk("/api/migrations/" + id + "/cutover", "{}", 200);
        assertThat(cut.path("phase").asString()).isEqualTo("CUT_OVER");
        PrometheusScrape afterCut = awaitScrape(id + " CUT_OVER in the metrics", s -> inPhase(s, id, MigrationPhase.CUT_OVER));
        assertThat(afterCut.value("bizmaster_migration_freeze_window_seconds_count", "migration", id, "action", "cutover",
                "outcome", "done")).isEqualTo(1.0);
        assertThat(afterCut.value("bizmaster_migration_freeze_window_last_seconds", "migration", id))
                .isEqualTo(cut.path("freezeWindowMs").asLong() / 1000.0);

        JsonNode back = operator().postOk("/api/migrations/" + id + "/rollback", "{}", 200);
        assertThat(back.path("phase").asString()).isEqualTo("ROLLED_BACK");
        PrometheusScrape afterRollback = awaitScrape(id + " ROLLED_BACK in the metrics",
                s -> inPhase(s, id, MigrationPhase.ROLLED_BACK));
        assertThat(afterRollback.value("bizmaster_migration_freeze_window_seconds_count", "migration", id, "action",
                "rollback", "outcome", "done")).isEqualTo(1.0);
        assertThat(afterRollback.sum("bizmaster_migration_freeze_window_seconds_count", "migration", id)).isEqualTo(2.0);
        assertThat(afterRollback.value("bizmaster_migration_freeze_window_last_seconds", "migration", id))
                .isEqualTo(back.path("freezeWindowMs").asLong() / 1000.0);

        // Back to how the other tests of this application expect it: legacy primary, modern2 detached.
        operator().postOk("/api/migrations/" + id + "/cancel", "{}", 200);
        awaitScrape(id + " CANCELLED in the metrics", s -> inPhase(s, id, MigrationPhase.CANCELLED));
    }

    /** Exactly one phase series of the migration at 1, the one expected; every other phase present, at 0. */
    private static boolean inPhase(PrometheusScrape scrape, String id, MigrationPhase expected) {
        if (scrape.samples("bizmaster_migration_phase", "migration", id).size() != MigrationPhase.values().length) {
            return false;
        }
        for (MigrationPhase phase : MigrationPhase.values()) {
            if (scrape.value("bizmaster_migration_phase", "migration", id, "phase", phase.name()) != (phase == expected ? 1 : 0)) {
                return false;
            }
        }
        return true;
    }

    private PrometheusScrape awaitScrape(String what, Predicate<PrometheusScrape> condition) {
        PrometheusScrape[] last = new PrometheusScrape[1];
        Eventually.await(what, Duration.ofMinutes(2), () -> condition.test(last[0] = scrape()),
                () -> last[0] == null ? "" : String.valueOf(last[0].samples("bizmaster_migration_phase")));
        return last[0];
    }
}
