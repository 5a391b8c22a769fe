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
import io.bizmaster.testing.Cli;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.bizmaster.pipeline.PipelineControl;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Under load: {@code migrate cutover --dry-run} runs the cut-over's checks and changes nothing (phase, roles,
 * intake), and a refused dry run gives the real cut-over's reason; a READY migration keeps re-verifying the keys
 * changed since its verified seq, so that seq follows the stores and what a cut-over must re-check stays small.
 */
class CutOverDryRunTest {

    @TempDir
    Path data;

    @Test
    void aDryRunChangesNothingAndAReadyMigrationKeepsItsVerifiedSeqCloseToTheHead() throws Exception {
        String run = "dryrun";
        DemoStream stream = DemoStream.generate(17_000, 1_200, 31, run);
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data).start();
             LoadGenerator load = new LoadGenerator(stream, 600).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            CamelContext camel = context.getBean(CamelContext.class);
            Http http = Http.of(context);
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 2_000);

            assertSameRefusal(http, "nosuch", 404, "nosuch");
            assertThat(http.post("/api/migrations", MigrationTestSupport.replayDefinition("d1")).statusCode()).isEqualTo(201);
            HttpResponse<String> early = http.post("/api/migrations/d1/cutover?dry-run=true", null);
            if (early.statusCode() == 409) {
                assertThat(early.body()).contains("cannot cut over migration 'd1' in phase");
            }
            awaitPhase(http, "d1", "READY", Duration.ofMinutes(2));

            // A paused store: the dry run refuses with the real cut-over's reason, and neither changes anything.
            assertThat(http.post("/api/stores/modern2/pause", null).statusCode()).isEqualTo(200);
            assertSameRefusal(http, "d1", 409, "migration 'd1': store 'modern2' is paused; resume it before a cut-over");
            Cli.Run refused = Cli.run("migrate", "cutover", "d1", "--dry-run", "--url", http.base(), "--credentials", http.credentials().toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("migrate cutover d1 --dry-run: 409").contains("'modern2' is paused");
            assertUnchanged(http, stores, camel);
            assertThat(http.post("/api/stores/modern2/resume", null).statusCode()).isEqualTo(200);

            // A backlog in biz.commands (this instance's intake stopped, the load goes on): a freeze would wait for the
            // intake to log what its consumer holds, so both refuse until the queue is within max-cutover-lag.
            PipelineControl pipeline = context.getBean(PipelineControl.class);
            camel.getRouteController().stopRoute("intake");
            try {
                Eventually.await("a backlog past max-cutover-lag", Duration.ofSeconds(60), () -> pipeline.intakeBacklog() > 2_000);
                for (String path : List.of("/api/migrations/d1/cutover?dry-run=true", "/api/migrations/d1/cutover")) {
                    HttpResponse<String> backlog = http.post(path, null);
                    assertThat(backlog.statusCode()).as(backlog.body()).isEqualTo(409);
                    assertThat(backlog.body()).contains("commands wait in biz.commands to be logged (max-cutover-lag 2000); "
                            + "try again when the intake is closer");
                }
                assertThat(MigrationTestSupport.status(http, "d1").path("phase").asString()).isEqualTo("READY");
            } finally {
                camel.getRouteController().startRoute("intake");
            }
            assertUnchanged(http, stores, camel);

            // A dry run that passes: the steps and an estimate, and still nothing changed.
            Eventually.await("the target close to the head", Duration.ofSeconds(30),
                    () -> log.head() - stores.get("modern2").knownCheckpoint() < 500);
            JsonNode plan = null;
            for (int i = 0; i < 50 && plan == null; i++) {
                Cli.Run dry = Cli.run("migrate", "cutover", "d1", "--dry-run", "--json", "--url", http.base(), "--credentials", http.credentials().toString());
                if (dry.code() == 0) {
                    plan = new tools.jackson.databind.ObjectMapper().readTree(dry.verbOut());
                } else {
                    assertThat(dry.verbErr()).as("only the lag may refuse it under load").contains("max-cutover-lag");
                    Thread.sleep(100);
                }
            }
            assertThat(plan).as("a dry run that passes").isNotNull();
            assertThat(plan.path("steps")).hasSize(5);
            assertThat(plan.path("steps").get(0).asString()).contains("freeze the intake");
            assertThat(plan.path("newPrimary").asString()).isEqualTo("modern2");
            assertThat(plan.path("estimatedFreezeMs").asLong()).isPositive();
            assertThat(plan.path("verdict").asString()).contains("would start").contains("estimated freeze");
            assertThat(plan.path("storeLags").has("legacy")).isTrue();
            assertUnchanged(http, stores, camel);
            assertThat(MigrationTestSupport.status(http, "d1").path("freezeWindowMs").isNull()).as("no freeze happened").isTrue();
            long headAfterDryRun = log.head();
            Eventually.await("commands flowing", Duration.ofSeconds(10), () -> log.head() > headAfterDryRun);

            // READY for a while under load: the verified seq advances, the keys to re-check stay few.
            List<Long> verified = new ArrayList<>();
            long widest = 0;
            long mostKeys = 0;
            long until = System.nanoTime() + Duration.ofSeconds(16).toNanos();
            while (System.nanoTime() < until) {
                JsonNode s = MigrationTestSupport.status(http, "d1");
                assertThat(s.path("phase").asString()).isEqualTo("READY");
                long seq = s.path("verifiedSeq").asLong();
                if (verified.isEmpty() || seq != verified.get(verified.size() - 1)) {
                    verified.add(seq);
                }
                widest = Math.max(widest, s.path("logHead").asLong() - seq);
                mostKeys = Math.max(mostKeys, s.path("changedKeys").asLong());
                Thread.sleep(500);
            }
            System.out.printf("READY under %d commands/s: verified seq %s; at most %d commands and %d keys after it%n",
                    load.perSecond(), verified, widest, mostKeys);
            assertThat(verified).as("the verified seq advances while READY").hasSizeGreaterThanOrEqualTo(3).isSorted();
            // Re-verified every 5 s: about 5-10 s of commands at most, not the whole wait (16 s and more).
            assertThat(widest).as("commands after the verified seq").isLessThan(load.perSecond() * 12L);
            assertThat(mostKeys).as("keys a cut-over would re-verify").isLessThan(load.perSecond() * 12L);
            assertThat(MigrationTestSupport.status(http, "d1").path("verification").asString()).startsWith("passed at seq");

            MigrationStatus cut = MigrationTestSupport.cutOverWithRetries(context.getBean(MigrationWorkflow.class), "d1");
            assertThat(cut.phase()).isEqualTo("CUT_OVER");
            System.out.printf("cut over after the dry run (estimated %d ms): %s%n", plan.path("estimatedFreezeMs").asLong(),
                    cut.message());

            load.awaitDone(Duration.ofMinutes(2));
            StoreStatusService status = context.getBean(StoreStatusService.class);
            LogChecks.awaitAllAppliedExactlyOnce(log, status, stream, run, Duration.ofMinutes(2));
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern2").dataSource(), stream.model(), run);
        }
    }

    /** The dry run and the real cut-over refuse with the same status and reason. */
    private static void assertSameRefusal(Http http, String id, int code, String reason) {
        HttpResponse<String> dry = http.post("/api/migrations/" + id + "/cutover?dry-run=true", null);
        HttpResponse<String> real = http.post("/api/migrations/" + id + "/cutover", null);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(code);
        assertThat(real.statusCode()).as(real.body()).isEqualTo(code);
        assertThat(dry.body()).contains(reason).isEqualTo(real.body());
    }

    private static void assertUnchanged(Http http, StoreRegistry stores, CamelContext camel) {
        assertThat(MigrationTestSupport.status(http, "d1").path("phase").asString()).isEqualTo("READY");
        assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.PRIMARY);
        assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.SHADOW);
        assertThat(camel.getRouteController().getRouteStatus("intake").isStarted()).as("the intake runs").isTrue();
        assertThat(json(http.get("/api/migrations/d1")).path("freezeWindowMs").isNull()).isTrue();
    }
}
