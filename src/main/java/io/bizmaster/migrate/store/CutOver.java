package io.bizmaster.migrate.store;

import io.bizmaster.broker.Destinations;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.CutOverPlan;
import io.bizmaster.migrate.FreezeAborted;
import io.bizmaster.migrate.FreezeWindow;
import io.bizmaster.migrate.Migration;
import io.bizmaster.migrate.MigrationLimits;
import io.bizmaster.migrate.MigrationMetrics;
import io.bizmaster.migrate.MigrationPhase;
import io.bizmaster.migrate.MigrationRepository;
import io.bizmaster.migrate.StoreMigrationPlan;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freeze of a cut-over (or rollback), bounded by the migration's freeze budget: pause {@code biz.commands} at the
 * broker for every instance (writes wait there, no database lock), let every running store drain to the same sequence number, compare
 * what changed since the last verification, flip the roles (committed with the phase), resume the intake.
 * If the budget would be exceeded, nothing flips: the intake resumes on the old primary and the migration
 * stays where it was. The window is measured from pausing the intake to resuming it.
 */
public class CutOver {

    private static final Logger LOG = LoggerFactory.getLogger(CutOver.class);
    /** For the dry run's estimate when no freeze was measured yet: what this machine's tests measure (25-144 ms). */
    private static final long TYPICAL_FREEZE_MS = 150;
    /** Commands a store applies per millisecond when it is behind (batched; a few thousand per second at worst). */
    private static final long DRAIN_PER_MS = 5;
    /** Keys looked up in both stores per millisecond (batches of 500 by primary key). */
    private static final long REVERIFY_PER_MS = 20;

    private final StoreRegistry stores;
    private final CommandLog log;
    private final PipelineControl pipeline;
    private final VerificationGate gate;
    private final MigrationRepository repository;
    private final MigrationMetrics metrics;

    public CutOver(StoreRegistry stores, CommandLog log, PipelineControl pipeline, VerificationGate gate,
                   MigrationRepository repository, MigrationMetrics metrics) {
        this.stores = stores;
        this.log = log;
        this.pipeline = pipeline;
        this.gate = gate;
        this.repository = repository;
        this.metrics = metrics;
    }

    /**
     * Gives {@code newPrimary} the role {@code newShadow} has (the primary, in the default domain) and makes
     * {@code newShadow} a fed shadow, or leaves everything as it was.
     */
    void run(Migration m, String newPrimary, String newShadow, MigrationPhase success) {
        StoreMigrationPlan plan = (StoreMigrationPlan) m.definition().plan();
        MigrationLimits limits = m.definition().limits();
        Store primary = stores.get(newPrimary);
        Store shadow = stores.get(newShadow);
        check(m, primary, shadow);
        StoreRole taken = shadow.role();
        MigrationPhase before = m.phase();
        m.phase(MigrationPhase.FREEZING);
        m.message("freezing: intake paused at the broker, stores draining (budget " + limits.maxFreezeMillis() + " ms)");
        repository.save(m);
        FreezeWindow window = new FreezeWindow(pipeline, m.id(), limits.maxFreezeMillis());
        String outcome;
        long drainedTo = -1;
        try {
            window.freeze("cut-over of migration " + m.id());
            drainedTo = log.head();
            window.within("stopping the intake alone");
            drain(m, drainedTo, window.deadlineNanos());
            window.lap("drained");
            long verifiedSeq = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
            VerificationGate.Result check = gate.changedSince(m.id(), plan.source(), plan.target(), verifiedSeq, drainedTo);
            m.verification((check.passed() ? "passed at seq " : "failed at seq ") + drainedTo + ": " + check.summary());
            window.lap("re-verified");
            if (!check.passed()) {
                throw new FreezeAborted("re-verification at seq " + drainedTo + " failed: " + check.summary());
            }
            // Leave room to resume the intake inside the budget: flipping is one small transaction.
            window.within("draining to seq " + drainedTo + " and re-verifying");
            m.phase(success);
            m.verifiedSeq(check.verifiedSeq());
            // The store taking over gets the role of the one giving way: the primary for the default domain's
            // stores; a read model (a domain's store, a subscriber) has no primary, so both stay fed shadows.
            Map<String, StoreRole> roles = new LinkedHashMap<>();
            roles.put(newShadow, StoreRole.SHADOW);
            roles.put(newPrimary, taken);
            repository.saveWithRoles(m, roles);
            shadow.role(StoreRole.SHADOW);
            primary.role(taken);
            window.lap("roles flipped");
            outcome = null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            m.phase(before);
            outcome = e.getMessage();
        } finally {
            window.thaw();
        }
        long millis = window.millis();
        m.freezeWindowMillis(millis);
        metrics.freezeWindow(m.id(), success == MigrationPhase.CUT_OVER ? "cutover" : "rollback", outcome != null, millis);
        if (outcome == null) {
            m.message((success == MigrationPhase.CUT_OVER ? "cut over" : "rolled back") + " at seq " + drainedTo
                    + ": '" + newPrimary + "' " + (taken == StoreRole.PRIMARY ? "is primary" : "takes over as a fed "
                    + taken.name().toLowerCase()) + ", '" + newShadow + "' a fed shadow; freeze window " + millis
                    + " ms (budget " + limits.maxFreezeMillis() + " ms: " + window.laps() + ")");
            LOG.info("Migration '{}': {}", m.id(), m.message());
        } else {
            m.message("cut-over aborted after " + millis + " ms (" + window.laps() + "), intake resumed with '" + newShadow
                    + "' still primary: " + outcome);
            LOG.warn("Migration '{}': {}", m.id(), m.message());
        }
        repository.save(m);
        if (outcome != null) {
            throw new IllegalStateException(m.message());
        }
    }

    /** The checks that refuse a cut-over before anything changes; a dry run runs the same, with the same reasons. */
    private void check(Migration m, Store primary, Store shadow) {
        for (Store s : new Store[] {primary, shadow}) {
            if (s.paused()) {
                throw new IllegalStateException("migration '" + m.id() + "': store '" + s.name()
                        + "' is paused; resume it before a cut-over");
            }
        }
        // The freeze waits for what the intakes hold (prefetched included): only start when the queue is short.
        long backlog = pipeline.intakeBacklog();
        if (backlog > m.definition().limits().maxCutoverLag()) {
            throw new IllegalStateException("migration '" + m.id() + "': " + backlog + " commands wait in "
                    + Destinations.COMMANDS + " to be logged (max-cutover-lag " + m.definition().limits().maxCutoverLag()
                    + "); try again when the intake is closer");
        }
        // Every running store drains inside the freeze: only start when each is close, so the drain is short.
        long head = log.head();
        for (Store s : stores.all()) {
            long lag = head - s.knownCheckpoint();
            if (s.fed() && !s.paused() && lag > m.definition().limits().maxCutoverLag()) {
                throw new IllegalStateException("migration '" + m.id() + "': store '" + s.name() + "' is " + lag
                        + " commands behind the head (max-cutover-lag " + m.definition().limits().maxCutoverLag()
                        + "); try again when it is closer");
            }
        }
    }

    /**
     * A dry run (Vitess's SwitchTraffic --dry-run): the same checks, then the steps and an estimate of the freeze.
     * Changes nothing. The estimate is rough on purpose: the last measured window (which holds stopping and
     * starting the intake) plus draining today's lags and re-verifying today's changed keys at typical rates.
     */
    CutOverPlan plan(Migration m, String newPrimary, String newShadow) {
        StoreMigrationPlan d = (StoreMigrationPlan) m.definition().plan();
        MigrationLimits limits = m.definition().limits();
        check(m, stores.get(newPrimary), stores.get(newShadow));
        long head = log.head();
        Map<String, Long> lags = new LinkedHashMap<>();
        stores.all().stream().filter(s -> s.fed() && !s.paused())
                .forEach(s -> lags.put(s.name(), Math.max(0, head - s.knownCheckpoint())));
        long verifiedSeq = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
        long changed;
        try {
            changed = gate.changedKeyCount(d.source(), d.target(), verifiedSeq, head);
        } catch (RuntimeException e) {
            // Inside the freeze this fails the re-verification, and the cut-over aborts: refuse now with the reason.
            throw new IllegalStateException("migration '" + m.id() + "': the keys changed since seq " + verifiedSeq
                    + " cannot be re-verified inside the freeze: " + e.getMessage());
        }
        long maxLag = lags.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long base = m.freezeWindowMillis() == null ? TYPICAL_FREEZE_MS : m.freezeWindowMillis();
        long estimate = base + maxLag / DRAIN_PER_MS + changed / REVERIFY_PER_MS;
        List<String> steps = List.of(
                "1. freeze the intake: pause " + Destinations.COMMANDS + " at the broker for every instance, once no intake batch is "
                        + "in flight anywhere; POST /api/commands answers 503 with Retry-After",
                "2. drain every running store to the log head (now " + head + "; lags " + lags + ")",
                "3. re-verify the " + changed + " keys changed since seq " + verifiedSeq + " in '" + d.source() + "' and '"
                        + d.target() + "'",
                "4. flip roles: '" + newPrimary + "' primary, '" + newShadow + "' a fed shadow, with the phase, in one transaction",
                "5. resume the intake; abort and resume on '" + newShadow + "' instead if the freeze passes " + limits.maxFreezeMillis() + " ms");
        String verdict = estimate <= limits.maxFreezeMillis()
                ? "a cut-over now would start; estimated freeze " + estimate + " ms of the " + limits.maxFreezeMillis() + " ms budget"
                : "a cut-over now would start but may abort: estimated freeze " + estimate + " ms is over the "
                        + limits.maxFreezeMillis() + " ms budget";
        return new CutOverPlan(m.id(), m.phase().name(), newPrimary, newShadow, head, lags, limits.maxCutoverLag(),
                m.verifiedSeq(), changed, m.freezeWindowMillis(), estimate, limits.maxFreezeMillis(), steps, verdict);
    }

    private void drain(Migration m, long seq, long deadline) throws FreezeAborted, InterruptedException {
        while (true) {
            Map<String, Long> behind = stores.all().stream().filter(s -> s.fed() && !s.paused() && s.knownCheckpoint() < seq)
                    .collect(Collectors.toMap(Store::name, Store::knownCheckpoint));
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new FreezeAborted("stores did not drain to seq " + seq + " within the budget of " + m.definition().limits().maxFreezeMillis()
                        + " ms: " + behind);
            }
            Thread.sleep(2);
        }
    }

}
