package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Stops the application during the backfill, during the catch-up and inside a cut-over's freeze, under load,
 * and starts it again each time over the same data: the migration resumes where it stopped and finishes with
 * every command in the log once, every store at the head and in agreement with the model.
 */
class MigrationRestartTest {

    @TempDir
    Path data;

    @Test
    void aMigrationSurvivesRestartsInEveryPhase() throws Exception {
        String run = "mrestart";
        DemoStream stream = DemoStream.generate(40_000, 3_000, 23, run);
        TestApplication app = MigrationTestSupport.withTarget(data);
        String definition = "id: r2\nsource: legacy\ntarget: modern2\nbackfill: replay\nmax-freeze-ms: 5000\n"
                + "max-cutover-lag: 100\nchunk: 200\nthrottle-lag: 20000\n"
                // Held so that a stop lands inside the backfill whatever the machine's speed: ~5 s for 15,000.
                + "max-rate: 3000\n";
        LoadGenerator load = new LoadGenerator(stream, 1_500);

        // 1. stopped during the backfill
        long backfilledAtStop;
        try (ConfigurableApplicationContext first = app.start()) {
            load.start(first.getBean(CommandPoster.class));
            CommandLog log = first.getBean(CommandLog.class);
            Eventually.await("a long log to replay", Duration.ofMinutes(2), () -> log.head() >= 15_000);
            MigrationWorkflow workflow = first.getBean(MigrationWorkflow.class);
            workflow.create(definition);
            MigrationStatus seen = awaitStatus(workflow, s -> s.phase().equals("BACKFILLING") && s.backfilled() > 0
                    || !s.phase().equals("CREATED") && !s.phase().equals("BACKFILLING"));
            assertThat(seen.phase()).as("stopped during the backfill: %s", seen).isEqualTo("BACKFILLING");
            backfilledAtStop = seen.backfilled();
            assertThat(backfilledAtStop).isLessThan(seen.backfillTotal());
            load.poster(null);
        }
        System.out.println("stopped during the backfill at " + backfilledAtStop);

        // 2. stopped during the catch-up
        try (ConfigurableApplicationContext second = app.start()) {
            load.poster(second.getBean(CommandPoster.class));
            MigrationWorkflow workflow = second.getBean(MigrationWorkflow.class);
            MigrationStatus resumed = workflow.status("r2");
            assertThat(resumed.phase()).isEqualTo("BACKFILLING");
            assertThat(resumed.backfilled()).as("the backfill resumes where it stopped").isGreaterThanOrEqualTo(backfilledAtStop);
            MigrationStatus seen = awaitStatus(workflow, s -> !s.phase().equals("BACKFILLING"));
            assertThat(seen.phase()).as("stopped during the catch-up: %s", seen).isEqualTo("CATCHING_UP");
            load.poster(null);
        }

        // 3. stopped inside the cut-over's freeze. What a crash there leaves is the phase FREEZING with the roles
        // unchanged (they commit with CUT_OVER): wait for READY, stop, and put the row in that state.
        try (ConfigurableApplicationContext third = app.start()) {
            load.poster(third.getBean(CommandPoster.class));
            MigrationWorkflow workflow = third.getBean(MigrationWorkflow.class);
            assertThat(third.getBean(StoreRegistry.class).get("modern2").role()).isEqualTo(StoreRole.SHADOW);
            awaitStatus(workflow, s -> s.phase().equals("READY"));
            load.poster(null);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("bizmaster"), "sa", "");
             PreparedStatement ps = c.prepareStatement("UPDATE migration SET phase = 'FREEZING' WHERE id = 'r2'")) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        // 4. the last start: the interrupted cut-over is undone, a new one succeeds, the load finishes
        try (ConfigurableApplicationContext last = app.start()) {
            load.poster(last.getBean(CommandPoster.class));
            MigrationWorkflow workflow = last.getBean(MigrationWorkflow.class);
            StoreRegistry stores = last.getBean(StoreRegistry.class);
            MigrationStatus recovered = workflow.status("r2");
            assertThat(recovered.phase()).as(recovered.message()).isEqualTo("READY");
            assertThat(recovered.message()).contains("interrupted by a restart");
            assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.PRIMARY);
            CommandLog log = last.getBean(CommandLog.class);
            Eventually.await("the target within the cut-over lag", Duration.ofMinutes(2),
                    () -> log.head() - stores.get("modern2").knownCheckpoint() <= 100);
            MigrationStatus cut = MigrationTestSupport.cutOverWithRetries(workflow, "r2");
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.PRIMARY);
            System.out.printf("restarted migration cut over in a freeze window of %d ms under a load of %d commands/s "
                    + "(%d of %d posted)%n", cut.freezeWindowMs(), load.perSecond(), load.posted(), load.total());

            load.awaitDone(Duration.ofMinutes(3));
            StoreStatusService status = last.getBean(StoreStatusService.class);
            LogChecks.awaitAllAppliedExactlyOnce(log, status, stream, run, Duration.ofMinutes(3));
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern2").dataSource(), stream.model(), run);
        } finally {
            load.close();
        }
    }

    private static MigrationStatus awaitStatus(MigrationWorkflow workflow, Predicate<MigrationStatus> condition) {
        MigrationStatus[] last = new MigrationStatus[1];
        Eventually.await("migration r2", Duration.ofMinutes(3), () -> {
            last[0] = workflow.status("r2");
            return condition.test(last[0]);
        }, () -> String.valueOf(last[0]));
        return last[0];
    }
}
