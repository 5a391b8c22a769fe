package io.bizmaster.migrate;

import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freeze of a cut-over (or rollback), bounded by the migration's freeze budget: stop the intake (writes
 * wait in the broker, no database lock), let every running store drain to the same sequence number, compare
 * what changed since the last verification, flip the roles (committed with the phase), resume the intake.
 * If the budget would be exceeded, nothing flips: the intake resumes on the old primary and the migration
 * stays where it was. The window is measured from stopping the intake to starting it again.
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
    private final IntakeFreeze freeze;
    private final VerificationGate gate;
    private final StateTracker state;

    public CutOver(StoreRegistry stores, CommandLog log, IntakeFreeze freeze, VerificationGate gate, StateTracker state) {
        this.stores = stores;
        this.log = log;
        this.freeze = freeze;
        this.gate = gate;
        this.state = state;
    }

    /** Makes {@code newPrimary} the primary and {@code newShadow} a fed shadow, or leaves everything as it was. */
    void run(Migration m, String newPrimary, String newShadow, MigrationPhase success) {
        MigrationDefinition d = m.definition();
        Store primary = stores.get(newPrimary);
        Store shadow = stores.get(newShadow);
        check(m, primary, shadow);
        MigrationPhase before = m.phase();
        m.phase(MigrationPhase.FREEZING);
        m.message("freezing: intake paused, stores draining (budget " + d.maxFreezeMillis() + " ms)");
        state.save(m);
        long budget = TimeUnit.MILLISECONDS.toNanos(d.maxFreezeMillis());
        long start = System.nanoTime();
        String outcome;
        long drainedTo = -1;
        // Where the window goes, for the operator who must shorten it: stop, drain, re-verify, flip, resume.
        StringBuilder parts = new StringBuilder();
        long mark = start;
        try {
            freeze.freeze("cut-over of migration " + m.id(), d.maxFreezeMillis());
            mark = lap(parts, "intake stopped", mark);
            drainedTo = log.head();
            if (System.nanoTime() - start > budget) {
                throw new FreezeAborted("stopping the intake alone took longer than the budget of " + d.maxFreezeMillis() + " ms");
            }
            drain(m, drainedTo, start + budget);
            mark = lap(parts, "drained", mark);
            long verifiedSeq = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
            VerificationGate.Result check = gate.changedSince(m.id(), d.source(), d.target(), verifiedSeq, drainedTo);
            m.verification((check.passed() ? "passed at seq " : "failed at seq ") + drainedTo + ": " + check.summary());
            mark = lap(parts, "re-verified", mark);
            if (!check.passed()) {
                throw new FreezeAborted("re-verification at seq " + drainedTo + " failed: " + check.summary());
            }
            // Leave room to resume the intake inside the budget: flipping is one small transaction.
            if (System.nanoTime() - start > budget) {
                throw new FreezeAborted("drained to seq " + drainedTo + " but the budget of " + d.maxFreezeMillis() + " ms is spent");
            }
            m.phase(success);
            m.verifiedSeq(check.provenAt());
            Map<String, StoreRole> roles = new LinkedHashMap<>();
            roles.put(newShadow, StoreRole.SHADOW);
            roles.put(newPrimary, StoreRole.PRIMARY);
            state.saveWithRoles(m, roles);
            shadow.role(StoreRole.SHADOW);
            primary.role(StoreRole.PRIMARY);
            mark = lap(parts, "roles flipped", mark);
            outcome = null;
        } catch (FreezeAborted e) {
            m.phase(before);
            outcome = e.getMessage();
        } catch (Exception e) {
            m.phase(before);
            outcome = e.getMessage();
        } finally {
            thaw(m);
        }
        lap(parts, "intake resumed", mark);
        long window = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        m.freezeWindowMillis(window);
        if (outcome == null) {
            m.message((success == MigrationPhase.CUT_OVER ? "cut over" : "rolled back") + " at seq " + drainedTo
                    + ": '" + newPrimary + "' is primary, '" + newShadow + "' a fed shadow; freeze window " + window
                    + " ms (budget " + d.maxFreezeMillis() + " ms: " + parts + ")");
            LOG.info("Migration '{}': {}", m.id(), m.message());
        } else {
            m.message("cut-over aborted after " + window + " ms (" + parts + "), intake resumed with '" + newShadow
                    + "' still primary: " + outcome);
            LOG.warn("Migration '{}': {}", m.id(), m.message());
        }
        state.save(m);
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
        // Every running store drains inside the freeze: only start when each is close, so the drain is short.
        long head = log.head();
        for (Store s : stores.all()) {
            long lag = head - s.knownCheckpoint();
            if (s.fed() && !s.paused() && lag > m.definition().maxCutoverLag()) {
                throw new IllegalStateException("migration '" + m.id() + "': store '" + s.name() + "' is " + lag
                        + " commands behind the head (max-cutover-lag " + m.definition().maxCutoverLag()
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
        MigrationDefinition d = m.definition();
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
                "1. freeze the intake: stop route 'intake' after its in-flight batch; POST /api/commands answers 503 with Retry-After",
                "2. drain every running store to the log head (now " + head + "; lags " + lags + ")",
                "3. re-verify the " + changed + " keys changed since seq " + verifiedSeq + " in '" + d.source() + "' and '"
                        + d.target() + "'",
                "4. flip roles: '" + newPrimary + "' primary, '" + newShadow + "' a fed shadow, with the phase, in one transaction",
                "5. resume the intake; abort and resume on '" + newShadow + "' instead if the freeze passes " + d.maxFreezeMillis() + " ms");
        String verdict = estimate <= d.maxFreezeMillis()
                ? "a cut-over now would start; estimated freeze " + estimate + " ms of the " + d.maxFreezeMillis() + " ms budget"
                : "a cut-over now would start but may abort: estimated freeze " + estimate + " ms is over the "
                        + d.maxFreezeMillis() + " ms budget";
        return new CutOverPlan(m.id(), m.phase().name(), newPrimary, newShadow, head, lags, d.maxCutoverLag(),
                m.verifiedSeq(), changed, m.freezeWindowMillis(), estimate, d.maxFreezeMillis(), steps, verdict);
    }

    private static long lap(StringBuilder parts, String what, long since) {
        long now = System.nanoTime();
        parts.append(parts.isEmpty() ? "" : ", ").append(what).append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(now - since)).append(" ms");
        return now;
    }

    private void drain(Migration m, long seq, long deadline) throws FreezeAborted, InterruptedException {
        while (true) {
            Map<String, Long> behind = stores.all().stream().filter(s -> s.fed() && !s.paused() && s.knownCheckpoint() < seq)
                    .collect(Collectors.toMap(Store::name, Store::knownCheckpoint));
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new FreezeAborted("stores did not drain to seq " + seq + " within the budget of " + m.definition().maxFreezeMillis()
                        + " ms: " + behind);
            }
            Thread.sleep(2);
        }
    }

    private void thaw(Migration m) {
        try {
            freeze.thaw();
        } catch (Exception e) {
            // The intake must not stay stopped silently: say so loudly; a restart starts it too.
            LOG.error("Migration '{}': the intake could not be resumed after the freeze: {}; restart BizMaster", m.id(),
                    e.getMessage(), e);
        }
    }
}
