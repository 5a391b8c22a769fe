package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.awaitPhase;
import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * The replay backfill's {@code from:} under load. {@code savepoint}: a target that already holds seqs 1..S (here
 * rebuilt by {@code replay} while detached, as a restored backup would be) is backfilled S+1..N only, so no credit
 * counts twice. {@code 0}: the target is emptied first, whatever it held. Both end equal to the model.
 */
class MigrationSavepointTest {

    @TempDir
    Path data;

    @Test
    void aReplayBackfillContinuesFromTheTargetsSavepointOrStartsFromAnEmptyTarget() throws Exception {
        String run = "savepoint";
        DemoStream stream = DemoStream.generate(16_000, 1_200, 29, run);
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data).start();
             LoadGenerator load = new LoadGenerator(stream, 600).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            StoreStatusService status = context.getBean(StoreStatusService.class);
            Http http = Http.of(context);
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 2_000);

            // The savepoint: modern2, detached, holds 1..S.
            assertThat(http.post("/api/stores/modern2/replay", "{\"from\": 0}").statusCode()).isEqualTo(202);
            JsonNode replayed = StoreReplayTest.awaitReplay(http, "modern2");
            assertThat(replayed.path("phase").asString()).as(replayed.toString()).isEqualTo("DONE");
            assertThat(replayed.path("message").asString()).contains("detached");
            long savepoint = replayed.path("checkpoint").asLong();
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.DETACHED);
            Eventually.await("the log moving past the savepoint", Duration.ofSeconds(60), () -> log.head() > savepoint + 1_500);

            HttpResponse<String> bad = http.post("/api/migrations", MigrationTestSupport.replayDefinition("bad") + "from: 7\n");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("from: must be 0").contains("or savepoint").contains("got '7'");
            assertThat(http.get("/api/migrations/bad").statusCode()).as("nothing recorded").isEqualTo(404);

            assertThat(http.post("/api/migrations", MigrationTestSupport.replayDefinition("sp") + "from: savepoint\n")
                    .statusCode()).isEqualTo(201);
            JsonNode ready = awaitPhase(http, "sp", "READY", Duration.ofMinutes(2));
            assertThat(ready.path("backfillFrom").asLong()).as("backfilled from the savepoint: %s", ready).isEqualTo(savepoint);
            assertThat(ready.path("captureSeq").asLong()).isGreaterThan(savepoint + 1_000);
            // READY means verified equal to the primary, balances included: a credit counted twice would show.
            assertThat(ready.path("verification").asString()).as(ready.toString()).startsWith("passed: EQUAL");
            assertThat(json(http.post("/api/migrations/sp/cancel", null)).path("phase").asString()).isEqualTo("CANCELLED");
            // Between the two migrations, modern2 holds a row the log never wrote: from 0 must clear it.
            try (Connection c = stores.get("modern2").dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO customers (id, first_name) VALUES ('" + run + "-planted', 'Planted')");
            }

            assertThat(http.post("/api/migrations", MigrationTestSupport.replayDefinition("zero") + "from: 0\n")
                    .statusCode()).isEqualTo(201);
            JsonNode zero = awaitPhase(http, "zero", "READY", Duration.ofMinutes(2));
            assertThat(zero.path("backfillFrom").asLong()).as(zero.toString()).isZero();
            assertThat(DemoStores.rows(stores.get("modern2").dataSource(), "SELECT id FROM customers WHERE id = ?",
                    run + "-planted")).as("emptied first").isEmpty();
            MigrationTestSupport.cutOverWithRetries(context.getBean(MigrationWorkflow.class), "zero");
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.PRIMARY);

            load.awaitDone(Duration.ofMinutes(2));
            long total = stream.messages().size();
            Eventually.await("every fed store at the head", Duration.ofMinutes(2),
                    () -> log.head() == total && status.all().stream().allMatch(s -> s.checkpoint() == total),
                    () -> "head " + log.head() + ", " + status.all());
            LogChecks.assertExactlyOnceInOrder(log, stream, run);
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern2").dataSource(), stream.model(), run);
        }
    }
}
