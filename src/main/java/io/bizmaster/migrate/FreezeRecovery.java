package io.bizmaster.migrate;

import io.bizmaster.pipeline.FreezeProperties;
import io.bizmaster.pipeline.IntakeFreezes;
import io.bizmaster.pipeline.PipelineControl;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes an intake freeze whose owner can no longer end it (it was killed inside a cut-over, or lost the broker while
 * resuming): {@code biz.commands} resumed at the broker, the record deleted, what was done logged. The migration's own
 * state is left to {@link MigrationWorkflow#recover()}. A freeze is stale when its budget plus
 * {@code bizmaster.freeze.stale-margin} is past, or when its migration is no longer FREEZING. Also resumes the queue when
 * it is paused with no freeze recorded.
 *
 * <p>At start-up one look is enough: the recovery that ran just before has put an interrupted cut-over back to its
 * phase. Later, a freeze judged stale by its migration's phase must be seen so twice, {@code check-every} apart: an owner
 * alive between committing its phase and resuming the queue is done within milliseconds.
 */
public class FreezeRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(FreezeRecovery.class);

    private final PipelineControl pipeline;
    private final MigrationRepository repository;
    private final FreezeProperties properties;
    private String suspect;
    private long lastCheck = Long.MIN_VALUE;

    public FreezeRecovery(PipelineControl pipeline, MigrationRepository repository, FreezeProperties properties) {
        this.pipeline = pipeline;
        this.repository = repository;
        this.properties = properties;
    }

    /** After {@link MigrationWorkflow#recover()} at start-up. */
    public synchronized Optional<String> atStartUp() {
        lastCheck = System.nanoTime();
        return check(true);
    }

    /** From the runner's loop: looks at most once per {@code check-every}. */
    public synchronized Optional<String> periodically() {
        long now = System.nanoTime();
        if (now - lastCheck < properties.checkEvery().toNanos()) {
            return Optional.empty();
        }
        lastCheck = now;
        return check(false);
    }

    private Optional<String> check(boolean startUp) {
        try {
            Optional<IntakeFreezes.Freeze> recorded = pipeline.recordedFreeze();
            if (recorded.isEmpty()) {
                suspect = null;
                return pipeline.resumeUnrecordedPause();
            }
            IntakeFreezes.Freeze freeze = recorded.get();
            Instant expiry = freeze.since().plusMillis(freeze.budgetMillis()).plus(properties.staleMargin());
            if (Instant.now().isAfter(expiry)) {
                return pipeline.undoFreeze(freeze, "its budget and the stale margin of " + properties.staleMargin().toSeconds()
                        + " s ran out at " + expiry);
            }
            String owner = ownerGone(freeze);
            if (owner == null) {
                suspect = null;
                return Optional.empty();
            }
            if (startUp || freeze.token().equals(suspect)) {
                suspect = null;
                return pipeline.undoFreeze(freeze, owner);
            }
            suspect = freeze.token();
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("Cannot check the intake freeze for one nobody owns: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Why the freeze's migration no longer holds it, or null if it may. */
    private String ownerGone(IntakeFreezes.Freeze freeze) {
        if (freeze.migration() == null) {
            return null;
        }
        Optional<Migration> m = repository.find(freeze.migration());
        if (m.isEmpty()) {
            return "migration '" + freeze.migration() + "' does not exist";
        }
        if (m.get().phase() != MigrationPhase.FREEZING) {
            return "migration '" + freeze.migration() + "' is no longer freezing (phase " + m.get().phase() + ")";
        }
        return null;
    }
}
