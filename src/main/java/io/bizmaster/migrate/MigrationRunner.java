package io.bizmaster.migrate;

import io.bizmaster.coordinate.Coordinator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances the migrations in the background, one step at a time. Started once the application (and so the
 * store routes and the intake) runs; stopped before the beans it uses close. Only the coordinator's runner steps (on
 * the other instances it idles); an instance that becomes the coordinator first mends what the previous one's end
 * cut short ({@link MigrationWorkflow#recover}), as a restart would.
 */
public class MigrationRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final MigrationWorkflow workflow;
    private final long intervalMillis;
    private final MigrationMetrics metrics;
    private final Coordinator coordinator;
    private final FreezeRecovery freezes;
    private ScheduledExecutorService executor;
    /** The epoch under which this runner last recovered: a new one means this instance just became the coordinator. */
    private long recoveredEpoch;

    public MigrationRunner(MigrationWorkflow workflow, long intervalMillis, MigrationMetrics metrics, Coordinator coordinator,
            FreezeRecovery freezes) {
        this.workflow = workflow;
        this.intervalMillis = intervalMillis;
        this.metrics = metrics;
        this.coordinator = coordinator;
        this.freezes = freezes;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        if (coordinator.isCoordinator()) {
            // As before there were several instances: what a restart cut short is mended before the first step.
            recoveredEpoch = coordinator.epoch();
            recover();
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-runner");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Only the coordinator: a starting instance that mended a FREEZING migration or undid a freeze would undo the live
     * cut-over of the instance that holds the lease.
     */
    private void recover() {
        workflow.recover();
        // After the migrations' own recovery: a cut-over it declared interrupted no longer holds the intake's freeze.
        freezes.atStartUp();
    }

    private void tick() {
        try {
            metrics.register(workflow);
            long epoch = coordinator.epoch();
            if (!coordinator.isCoordinator()) {
                return;
            }
            if (epoch != recoveredEpoch) {
                LOG.info("Instance '{}' coordinates migrations from epoch {}", coordinator.instanceId(), epoch);
                recover();
                recoveredEpoch = epoch;
            }
            freezes.periodically();
            while (workflow.tick() && coordinator.holds(epoch)) {
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
