package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoModel;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Stopped in the middle of a snapshot copy, under load: after the restart the copy starts again in a new
 * snapshot (at a later N), the half copy is discarded, and no increment is applied twice. The copy is held to
 * {@code max-rate} (unheld, the streamed copy of these few thousand rows takes ~50 ms: no time to stop it in).
 */
class SnapshotRestartTest {

    private static final int MAX_RATE = 1_000;

    @TempDir
    Path data;

    @Test
    void aSnapshotCopyCutShortStartsAgainInANewSnapshot() throws Exception {
        String run = "snaprestart";
        DemoStream stream = DemoStream.generate(20_000, 4_000, 37, run);
        TestApplication app = MigrationTestSupport.withTarget(data);
        String definition = SnapshotMigrationTest.DEFINITION.replace("id: s1", "id: s2").replace("chunk: 300", "chunk: 20")
                + "max-rate: " + MAX_RATE + "\n";
        long firstSeq;
        try (LoadGenerator load = new LoadGenerator(stream, 1_000)) {
            try (ConfigurableApplicationContext first = app.start()) {
                load.start(first.getBean(CommandPoster.class));
                CommandLog log = first.getBean(CommandLog.class);
                Eventually.await("many rows to copy", Duration.ofMinutes(2), () -> log.head() >= 8_000);
                MigrationWorkflow workflow = first.getBean(MigrationWorkflow.class);
                workflow.create(definition);
                MigrationStatus[] seen = new MigrationStatus[1];
                Eventually.await("the copy under way", Duration.ofMinutes(1), () -> {
                    seen[0] = workflow.status("s2");
                    return seen[0].backfilled() > 0 || !seen[0].phase().equals("CREATED") && !seen[0].phase().equals("BACKFILLING");
                });
                assertThat(seen[0].phase()).as("stopped during the copy: %s", seen[0]).isEqualTo("BACKFILLING");
                firstSeq = seen[0].captureSeq();
                load.poster(null);
            }
            try (ConfigurableApplicationContext second = app.start()) {
                load.poster(second.getBean(CommandPoster.class));
                MigrationWorkflow workflow = second.getBean(MigrationWorkflow.class);
                MigrationStatus[] seen = new MigrationStatus[1];
                long[] copyStart = new long[1];
                Eventually.await("the copy started again", Duration.ofMinutes(1), () -> {
                    seen[0] = workflow.status("s2");
                    copyStart[0] = System.nanoTime();
                    return seen[0].backfilled() > 0 || !seen[0].phase().equals("BACKFILLING");
                }, () -> String.valueOf(seen[0]));
                Eventually.await("ready after the restart", Duration.ofMinutes(2), () -> {
                    seen[0] = workflow.status("s2");
                    return !seen[0].phase().equals("BACKFILLING");
                }, () -> String.valueOf(seen[0]));
                double copySeconds = (System.nanoTime() - copyStart[0]) / 1e9;
                long rows = seen[0].backfillTotal();
                assertThat(rows / copySeconds).as("%d rows copied in %.1f s under max-rate %d", rows, copySeconds, MAX_RATE)
                        .isLessThan(MAX_RATE * 1.1);
                Eventually.await("ready after the restart", Duration.ofMinutes(2), () -> {
                    seen[0] = workflow.status("s2");
                    return seen[0].phase().equals("READY");
                }, () -> String.valueOf(seen[0]));
                long snapshotSeq = seen[0].captureSeq();
                assertThat(snapshotSeq).as("a new snapshot after the restart").isGreaterThan(firstSeq);
                StoreRegistry stores = second.getBean(StoreRegistry.class);
                assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.SHADOW);
                System.out.printf("snapshot copy stopped at seq %d, copied again at seq %d after the restart: %d rows in "
                        + "%.1f s (max-rate %d)%n", firstSeq, snapshotSeq, rows, copySeconds, MAX_RATE);

                load.awaitDone(Duration.ofMinutes(3));
                CommandLog log = second.getBean(CommandLog.class);
                StoreStatusService status = second.getBean(StoreStatusService.class);
                LogChecks.awaitAllAppliedExactlyOnce(log, status, stream, run, Duration.ofMinutes(2));
                DemoModel expected = stream.model();
                for (LogEntry e : LogChecks.all(log)) {
                    if (e.seq() <= snapshotSeq && e.accepted() && "order.cancelled".equals(e.type())) {
                        expected.orders().get(e.key()).cancelReason = null;
                    }
                }
                DemoStores.assertModernMatches(stores.get("modern2").dataSource(), expected, run);
            }
        }
    }
}
