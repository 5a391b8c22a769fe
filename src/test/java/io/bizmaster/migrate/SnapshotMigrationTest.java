package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.awaitPhase;
import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoMigrations;
import io.bizmaster.demo.DemoModel;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Seed scenario 3 with the snapshot backfill, under load: the legacy store's rows are copied into a new
 * modern-schema store through a declared row mapping, in one consistent snapshot at the legacy checkpoint N;
 * the new store catches up from N+1, is verified, and cut over. Balances are increments: a fuzzy snapshot
 * would count some twice, and the comparison with the model would show it.
 */
class SnapshotMigrationTest {

    static final String DEFINITION = """
            id: s1
            source: legacy
            target: modern2
            backfill: snapshot
            chunk: 300
            max-freeze-ms: 5000
            max-cutover-lag: 2000
            throttle-lag: 20000
            """ + DemoMigrations.LEGACY_TO_MODERN_MAPPING;

    @TempDir
    Path data;

    @Test
    void snapshotBackfillFromLegacyThenCutOverUnderLoad() throws Exception {
        String run = "snap";
        DemoStream stream = DemoStream.generate(15_000, 1_500, 31, run);
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data).start();
             LoadGenerator load = new LoadGenerator(stream, 600).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            StoreStatusService status = context.getBean(StoreStatusService.class);
            Http http = Http.of(context);
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 4_000);

            assertThat(http.post("/api/migrations", DEFINITION).statusCode()).isEqualTo(201);
            JsonNode ready = awaitPhase(http, "s1", "READY", Duration.ofMinutes(2));
            long snapshotSeq = ready.path("captureSeq").asLong();
            assertThat(snapshotSeq).isGreaterThanOrEqualTo(3_000);
            assertThat(ready.path("backfilled").asLong()).isEqualTo(ready.path("backfillTotal").asLong());
            assertThat(ready.path("verification").asString()).startsWith("passed");

            JsonNode cut = json(http.post("/api/migrations/s1/cutover", null));
            assertThat(cut.path("phase").asString()).as(cut.toString()).isEqualTo("CUT_OVER");
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.PRIMARY);
            System.out.printf("snapshot migration: %d rows copied at seq %d; freeze window %d ms (budget 5000 ms) under a "
                    + "load of %d commands/s (%d of %d posted); %s%n", ready.path("backfilled").asLong(), snapshotSeq,
                    cut.path("freezeWindowMs").asLong(), load.perSecond(), load.posted(), load.total(),
                    cut.path("verification").asString());
            assertThat(load.posted()).as("the load ran through the cut-over").isLessThan(load.total());

            load.awaitDone(Duration.ofMinutes(3));
            LogChecks.awaitAllAppliedExactlyOnce(log, status, stream, run, Duration.ofMinutes(2));
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            // The legacy schema keeps no cancel reason: orders cancelled up to the snapshot have none in modern2.
            DemoModel expected = stream.model();
            ObjectMapper json = new ObjectMapper();
            for (LogEntry e : LogChecks.all(log)) {
                if (e.seq() <= snapshotSeq && e.accepted() && "order.cancelled".equals(e.type())) {
                    expected.orders().get(e.key()).cancelReason = null;
                }
            }
            DemoStores.assertModernMatches(stores.get("modern2").dataSource(), expected, run);
        }
    }
}
