package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.BusinessDataSource;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.JdbcUrls;
import io.bizmaster.log.LogMoved;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * A log move across restarts, under load: the application is stopped during the copy (it resumes from the
 * highest seq copied) and right after the cut-over (started again with the old spring.datasource settings, it follows
 * the redirect to the new log, says so, and the migration completes); a last start with the new settings runs on the
 * new log directly. Every command once, dense seqs, both stores equal to the model.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogMigrationRestartTest {

    @TempDir
    Path data;

    @Test
    void stoppedDuringTheCopyAndRightAfterTheCutOverTheLogComesBackWhereItIs(CapturedOutput output) throws Exception {
        String run = "logrestart";
        DemoStream stream = DemoStream.generate(36_000, 3_000, 71, run);
        TestApplication app = TestApplication.inFolder(data);
        String target = "jdbc:h2:file:" + data.resolve("business2");
        DataSource newLog = LogMigrationScenario.h2(data.resolve("business2"));
        DataSource oldLog = LogMigrationScenario.h2(data.resolve("bizmaster"));
        // Held so that a stop lands inside the copy whatever the machine's speed: ~3 s for 12,000 commands.
        String definition = LogMigrationScenario.definition("lr", target, "sa", "max-rate: 4000\n").replace("chunk: 2000", "chunk: 100")
                .replace("max-cutover-lag: 2000", "max-cutover-lag: 500");
        try (LoadGenerator load = new LoadGenerator(stream, 1_200)) {
            // 1. stopped during the copy
            long copiedAtStop;
            try (ConfigurableApplicationContext first = app.start()) {
                load.start(first.getBean(CommandPoster.class));
                CommandLog log = first.getBean(CommandLog.class);
                Eventually.await("a long log to copy", Duration.ofSeconds(60), () -> log.head() >= 12_000);
                MigrationWorkflow workflow = first.getBean(MigrationWorkflow.class);
                workflow.create(definition);
                MigrationStatus seen = awaitStatus(workflow, s -> s.phase().equals("BACKFILLING") && s.backfilled() > 0
                        || !s.phase().equals("CREATED") && !s.phase().equals("BACKFILLING"));
                assertThat(seen.phase()).as("stopped during the copy: %s", seen).isEqualTo("BACKFILLING");
                assertThat(seen.backfilled()).isLessThan(seen.backfillTotal());
                load.poster(null);
            }
            copiedAtStop = LogMigrationScenario.highestSeq(newLog);
            System.out.println("log move stopped during the copy at seq " + copiedAtStop);

            // 2. the copy resumes at the highest seq copied; cut over, and stop right after
            long cutSeq;
            try (ConfigurableApplicationContext second = app.start()) {
                load.poster(second.getBean(CommandPoster.class));
                MigrationWorkflow workflow = second.getBean(MigrationWorkflow.class);
                MigrationStatus resumed = workflow.status("lr");
                assertThat(resumed.phase()).isEqualTo("BACKFILLING");
                assertThat(resumed.backfilled()).as("resumes where it stopped").isGreaterThanOrEqualTo(copiedAtStop);
                awaitStatus(workflow, s -> s.phase().equals("READY"));
                MigrationStatus cut = MigrationTestSupport.cutOverWithRetries(workflow, "lr");
                assertThat(cut.phase()).as(cut.message()).isEqualTo("CUT_OVER");
                cutSeq = LogMigrationScenario.redirect(oldLog).map(LogMoved::seq).orElseThrow();
                System.out.printf("log move cut over at seq %d after a restart during the copy: freeze window %d ms under "
                        + "%d commands/s (%s)%n", cutSeq, cut.freezeWindowMs(), load.perSecond(), cut.message());
                load.poster(null);
            }

            // 3. started again with the old configuration: the redirect leads to the new log; complete there
            try (ConfigurableApplicationContext third = app.start()) {
                load.poster(third.getBean(CommandPoster.class));
                BusinessDataSource businessStore = third.getBean(BusinessDataSource.class);
                assertThat(JdbcUrls.same(businessStore.current().getJdbcUrl(), target)).as("on the new log").isTrue();
                assertThat(output.getOut()).contains("the command log moved to " + target + " as sa at seq " + cutSeq
                        + " by migration lr").contains("Set spring.datasource.url");
                MigrationWorkflow workflow = third.getBean(MigrationWorkflow.class);
                assertThat(workflow.status("lr").phase()).isEqualTo("CUT_OVER");
                CommandLog log = third.getBean(CommandLog.class);
                assertThat(log.head()).isGreaterThanOrEqualTo(cutSeq);
                // The reverse copy keeps the old log close, so a rollback stays short; complete retires it instead.
                // "More commands after the cut" is at most what the stream has left: a slow machine cuts over later.
                long more = Math.min(1_000, (stream.messages().size() - cutSeq) / 2);
                awaitStatus(workflow, s -> s.targetLag() <= 2_000 && s.logHead() >= cutSeq + more);
                assertThat(workflow.complete("lr").phase()).isEqualTo("COMPLETED");
                assertThat(businessStore.previous()).as("the old business store's pool is closed").isNull();
                load.awaitDone(Duration.ofSeconds(90));
                LogChecks.awaitAllAppliedExactlyOnce(log, third.getBean(StoreStatusService.class), stream, run,
                        Duration.ofSeconds(60));
                assertThat(LogMigrationScenario.logHead(oldLog)).as("nothing logged in the old business store").isEqualTo(cutSeq);
                load.poster(null);
            }

            // 4. started with the new configuration: the same log, no redirect to follow
            try (ConfigurableApplicationContext last = app.with("spring.datasource.url", target).start()) {
                CommandLog log = last.getBean(CommandLog.class);
                assertThat(last.getBean(BusinessDataSource.class).previous()).isNull();
                assertThat(last.getBean(MigrationWorkflow.class).status("lr").phase()).isEqualTo("COMPLETED");
                LogMigrationScenario.assertDense(log);
                LogChecks.assertExactlyOnceInOrder(log, stream, run);
                assertThat(log.head()).isEqualTo(stream.messages().size());
                StoreRegistry stores = last.getBean(StoreRegistry.class);
                DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
                DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            }
        }
    }

    private static MigrationStatus awaitStatus(MigrationWorkflow workflow, Predicate<MigrationStatus> condition) {
        MigrationStatus[] last = new MigrationStatus[1];
        Eventually.await("migration lr", Duration.ofSeconds(90), () -> {
            last[0] = workflow.status("lr");
            return condition.test(last[0]);
        }, () -> String.valueOf(last[0]));
        return last[0];
    }
}
