package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import io.bizmaster.testing.LoadGenerator;

/**
 * {@code max-rate} holds a replay backfill and a log copy to the operator's budget, while live commands keep
 * flowing. (The snapshot copy's cap is checked by {@link SnapshotRestartTest}.) Unheld, either copies these
 * 4,000 commands in well under a second here.
 */
class BackfillRateTest {

    private static final int MAX_RATE = 1_500;

    @TempDir
    Path data;

    @Test
    void aReplayBackfillAndALogCopyKeepToTheirMaxRate() throws Exception {
        DemoStream stream = DemoStream.generate(6_000, 600, 71, "rate");
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data).start();
             LoadGenerator load = new LoadGenerator(stream, 2_000).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            MigrationWorkflow workflow = context.getBean(MigrationWorkflow.class);
            Eventually.await("4,000 commands logged", Duration.ofMinutes(1), () -> log.head() >= 4_000);

            double replayRate = backfillRate(workflow, "paced-replay",
                    MigrationTestSupport.replayDefinition("paced-replay").replace("chunk: 1000", "chunk: 200")
                            + "max-rate: " + MAX_RATE + "\n");
            workflow.cancel("paced-replay");
            double copyRate = backfillRate(workflow, "paced-log", LogMigrationScenario.definition("paced-log",
                    "jdbc:h2:file:" + data.resolve("business2"), "sa", "max-rate: " + MAX_RATE + "\n")
                    .replace("chunk: 2000", "chunk: 200"));
            workflow.cancel("paced-log");
            System.out.printf("max-rate %d: replay backfill %.0f commands/s, log copy %.0f commands/s%n", MAX_RATE, replayRate,
                    copyRate);
            load.awaitDone(Duration.ofMinutes(1));
        }
    }

    /** Commands per second from the first one backfilled to the last, as an operator watching status sees it. */
    private static double backfillRate(MigrationWorkflow workflow, String id, String definition) {
        workflow.create(definition);
        MigrationStatus[] seen = new MigrationStatus[1];
        Eventually.await(id + " under way", Duration.ofMinutes(1), () -> {
            seen[0] = workflow.status(id);
            return seen[0].backfilled() > 0 || !seen[0].phase().equals("CREATED") && !seen[0].phase().equals("BACKFILLING");
        }, () -> String.valueOf(seen[0]));
        assertThat(seen[0].phase()).as("%s caught while backfilling: %s", id, seen[0]).isEqualTo("BACKFILLING");
        assertThat(seen[0].maxRate()).as("status shows the cap").isEqualTo((long) MAX_RATE);
        long startCount = seen[0].backfilled();
        long start = System.nanoTime();
        Eventually.await(id + " backfilled", Duration.ofMinutes(1), () -> {
            seen[0] = workflow.status(id);
            return !seen[0].phase().equals("BACKFILLING");
        }, () -> String.valueOf(seen[0]));
        double seconds = (System.nanoTime() - start) / 1e9;
        long copied = seen[0].backfillTotal() - startCount;
        assertThat(copied).as("%s: commands left to backfill", id).isGreaterThan(2 * MAX_RATE);
        double rate = copied / seconds;
        assertThat(rate).as("%s: %d commands in %.2f s, max-rate %d", id, copied, seconds, MAX_RATE)
                .isLessThan(MAX_RATE * 1.1).isGreaterThan(MAX_RATE * 0.5);
        return rate;
    }
}
