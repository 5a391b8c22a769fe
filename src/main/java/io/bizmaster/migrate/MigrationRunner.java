package io.bizmaster.migrate;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances the migrations in the background, one step at a time. Started once the application (and so the
 * store routes and the intake) runs; stopped before the beans it uses close.
 */
public class MigrationRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final MigrationWorkflow workflow;
    private final long intervalMillis;
    private final MigrationMetrics metrics;
    private final FreezeRecovery freezes;
    private ScheduledExecutorService executor;

    public MigrationRunner(MigrationWorkflow workflow, long intervalMillis, MigrationMetrics metrics, FreezeRecovery freezes) {
        this.workflow = workflow;
        this.intervalMillis = intervalMillis;
        this.metrics = metrics;
        this.freezes = freezes;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        workflow.recover();
        // After the migrations' own recovery: a cut-over it declared interrupted no longer holds the intake's freeze.
        freezes.atStartUp();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-runner");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            metrics.register(workflow);
            freezes.periodically();
            while (workflow.tick()) {
                // a backfill has more to do now: no pause between its slices
            }
        } catch (RuntimeException e) {
            LOG.warn("migration runner: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (executor != null) {
            // No interrupt: H2 closes its file when a thread using it is interrupted. The flag ends the step.
            workflow.stop();
            executor.shutdown();
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            executor = null;
        }
    }
}
