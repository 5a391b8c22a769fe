package io.bizmaster.migrate;

import io.bizmaster.apply.StoreApplier;
import io.bizmaster.apply.StoreFeeds;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.ConverterSwitch;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreBusyException;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreReset;
import io.bizmaster.store.StoreRole;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration workflow (Vitess MoveTables-like verbs): create, then the runner advances each migration one
 * step at a time — capture, backfill, catch-up, shadowing with a verification gate — until READY; cut-over,
 * rollback, complete and cancel are operator verbs. Every step reads the persisted state and saves what it
 * did, so a restart in any phase resumes. One lock: a verb and a step never run at the same time.
 */
public class MigrationWorkflow {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationWorkflow.class);
    private static final long VERIFY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long BACKFILL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Set by a backfill whose slice ended with work left; read by {@link #tick()}. */
    private boolean sliceUsedUp;

    private final StateTracker state;
    private final StoreRegistry stores;
    private final StoreFeeds feeds;
    private final StoreApplier applier;
    private final CommandLog log;
    private final ConverterSwitch converterSwitch;
    private final LagThrottler throttler;
    private final VerificationGate gate;
    private final CutOver cutOver;
    private final SnapshotBackfill snapshots;
    private final LogMigration logMigration;
    private final StoreReset reset;
    private final Map<String, ProgressMeter> meters = new ConcurrentHashMap<>();
    private final Map<String, BackfillPacer> pacers = new ConcurrentHashMap<>();
    private final Map<String, Long> lastVerifyAttempt = new ConcurrentHashMap<>();
    /** Set when the application stops: a backfill slice ends at its next chunk instead of running on. */
    private volatile boolean stopping;
    /** Cancels asked for: a snapshot copy holding the lock ends at its next chunk, then cancel takes the lock. */
    private final Set<String> cancelling = ConcurrentHashMap.newKeySet();

    public MigrationWorkflow(StateTracker state, StoreRegistry stores, StoreFeeds feeds, StoreApplier applier, CommandLog log,
                             ConverterSwitch converterSwitch, LagThrottler throttler, VerificationGate gate, CutOver cutOver,
                             LogMigration logMigration, StoreReset reset) {
        this.state = state;
        this.stores = stores;
        this.feeds = feeds;
        this.applier = applier;
        this.log = log;
        this.converterSwitch = converterSwitch;
        this.throttler = throttler;
        this.gate = gate;
        this.cutOver = cutOver;
        this.snapshots = new SnapshotBackfill(throttler);
        this.logMigration = logMigration;
        this.reset = reset;
    }

    /** {@code migrate create}: checks the plan against the stores and records it; the runner takes it from there. */
    // Not synchronized: it only inserts a row, which the runner picks up at its next step, so a create does not
    // wait for a long snapshot copy of another migration.
    public MigrationStatus create(String definitionText) {
        MigrationDefinition d = MigrationDefinition.parse(definitionText);
        if (d.movesLog()) {
            return createLogMigration(d);
        }
        Store source = stores.get(d.source());
        Store target = stores.get(d.target());
        StoreBusyException.check(source, "migrate from");
        StoreBusyException.check(target, "migrate to");
        if (!source.fed()) {
            throw new IllegalArgumentException("migration '" + d.id() + "': source store '" + d.source() + "' is detached");
        }
        if (target.fed()) {
            throw new IllegalArgumentException("migration '" + d.id() + "': target store '" + d.target() + "' is "
                    + target.role().name().toLowerCase() + "; declare the target with role: detached, the migration attaches it");
        }
        for (Migration other : state.all()) {
            if (!other.phase().finished() && other.phase() != MigrationPhase.ROLLED_BACK && !other.definition().movesLog()
                    && (other.definition().target().equals(d.target()) || other.definition().source().equals(d.target()))) {
                throw new IllegalArgumentException("migration '" + d.id() + "': store '" + d.target() + "' is already in "
                        + other);
            }
        }
        Migration m = new Migration(d, MigrationPhase.CREATED, Instant.now());
        m.message("created: the target's queue is bound and seq N captured at the next step");
        state.insert(m);
        LOG.info("Migration '{}' created: {} -> {} ({} backfill)", d.id(), d.source(), d.target(), d.backfill());
        return view(m);
    }

    private MigrationStatus createLogMigration(MigrationDefinition d) {
        if (state.find(d.id()).isPresent()) {
            throw new IllegalArgumentException("migration '" + d.id() + "' exists already; choose another id");
        }
        logMigration.check(d, state.all());
        Migration m = new Migration(d, MigrationPhase.CREATED, Instant.now());
        m.message("created: the log head is captured and the copy starts at the next step");
        state.insert(m);
        LOG.info("Migration '{}' created: the business store moves to {}", d.id(), d.targetLog().display());
        return view(m);
    }

    // Not synchronized: status reads the persisted state, so it answers while a long step (a snapshot) runs.
    public List<MigrationStatus> all() {
        return state.all().stream().map(this::view).toList();
    }

    public MigrationStatus status(String id) {
        return view(get(id));
    }

    /** At start-up: a cut-over cut short by a restart did not flip roles (they commit with CUT_OVER). */
    public synchronized void recover() {
        Set<String> inUse = new java.util.HashSet<>();
        for (Migration m : state.all()) {
            if (!m.phase().finished() && !m.definition().movesLog()) {
                inUse.add(m.definition().target());
            }
        }
        for (Migration m : state.all()) {
            if (m.definition().movesLog()) {
                logMigration.recover(m);
                continue;
            }
            if (m.phase() == MigrationPhase.FREEZING) {
                MigrationPhase back = stores.get(m.definition().target()).role() == StoreRole.PRIMARY
                        ? MigrationPhase.CUT_OVER : MigrationPhase.READY;
                m.phase(back);
                m.message("the cut-over was interrupted by a restart before it committed; roles unchanged, intake running; "
                        + "phase back to " + back);
                state.save(m);
                LOG.warn("Migration '{}': {}", m.id(), m.message());
            }
            // A crash between recording the detach and deleting the queue leaves the queue: delete it now.
            String dropped = m.phase() == MigrationPhase.COMPLETED ? m.definition().source()
                    : m.phase() == MigrationPhase.CANCELLED ? m.definition().target() : null;
            if (dropped != null && !inUse.contains(dropped) && !stores.get(dropped).fed()) {
                try {
                    feeds.detach(dropped);
                } catch (Exception e) {
                    LOG.warn("Migration '{}': cannot delete the queue of store '{}': {}", m.id(), dropped, e.getMessage());
                }
            }
        }
    }

    /** The application is stopping: finish the current chunk, start no more steps. Not synchronized on purpose. */
    void stop() {
        stopping = true;
    }

    /**
     * One step of every active migration; called by the runner. Returns true when a backfill stopped only
     * because its time slice ran out, so the runner goes on at once instead of idling until the next tick.
     */
    public synchronized boolean tick() {
        sliceUsedUp = false;
        for (Migration m : state.all()) {
            if (m.phase().finished() || stopping) {
                continue;
            }
            try {
                step(m);
            } catch (Exception e) {
                String message = "step in phase " + m.phase() + " failed: " + e.getMessage();
                if (!message.equals(m.message())) {
                    m.message(message);
                    state.save(m);
                    LOG.warn("{}: {}", m, message);
                }
            }
        }
        return sliceUsedUp && !stopping;
    }

    private void step(Migration m) throws Exception {
        MigrationDefinition d = m.definition();
        if (d.movesLog()) {
            logMigration.step(m, () -> stopping || cancelling.contains(m.id()));
            return;
        }
        Store target = stores.get(d.target());
        switch (m.phase()) {
            case CREATED -> capture(m, target);
            case BACKFILLING -> backfill(m, target);
            case CATCHING_UP -> {
                long lag = log.head() - target.knownCheckpoint();
                if (lag <= d.maxCutoverLag()) {
                    m.phase(MigrationPhase.SHADOWING);
                    m.message("caught up (lag " + lag + "); shadowing, waiting for a full verification");
                    state.save(m);
                    LOG.info("Migration '{}': target '{}' caught up to seq {}", m.id(), d.target(), target.knownCheckpoint());
                }
            }
            case SHADOWING -> verify(m);
            case READY, ROLLED_BACK -> reverify(m);
            default -> {
            }
        }
    }

    /** Capture at N: bind the target's queue first, then read the head, so everything after N waits for it. */
    private void capture(Migration m, Store target) throws Exception {
        MigrationDefinition d = m.definition();
        if (d.converter() != null && !d.converter().equals(target.converter())) {
            converterSwitch.set(target.name(), d.converter());
        }
        stores.prepare(target);
        feeds.bind(target.name());
        if (d.backfill() == BackfillMode.SNAPSHOT) {
            // N is the source's checkpoint in the snapshot, read when the copy starts; the queue is bound before.
            m.phase(MigrationPhase.BACKFILLING);
            m.message("queue of '" + target.name() + "' bound; the snapshot copy of '" + d.source() + "' starts");
            state.save(m);
            LOG.info("Migration '{}': queue of '{}' bound; snapshot backfill from '{}' starts", m.id(), target.name(),
                    d.source());
            return;
        }
        if (d.from() == ReplayFrom.ZERO) {
            // Safe to run again after a restart: nothing is replayed before BACKFILLING is recorded below.
            reset.empty(target);
        }
        long captured = log.head();
        // The target's state is a function of the log prefix it applied: a target that already holds a prefix (a
        // restored backup, an earlier replay or cancelled attempt with the same converter) continues from there.
        long from = reset.resync(target);
        m.captureSeq(captured);
        m.total(captured);
        m.backfillFrom(from);
        m.backfillPosition(from);
        m.copied(from);
        m.phase(MigrationPhase.BACKFILLING);
        m.message("captured at seq " + captured + "; replaying " + (from + 1) + ".." + captured + " into '" + target.name()
                + "' with " + target.converter() + (d.from() == ReplayFrom.ZERO ? " (emptied first)"
                : from > 0 ? " from its savepoint (checkpoint " + from + ")" : ""));
        state.save(m);
        meters.put(m.id(), new ProgressMeter(from));
        LOG.info("Migration '{}': queue of '{}' bound, captured at seq {}; backfill ({}, from {}) replays seq {}..{}", m.id(),
                target.name(), captured, d.backfill(), d.from() == ReplayFrom.ZERO ? "0" : "savepoint " + from, from + 1,
                captured);
    }

    /** Replay 1..N through the target's converter in chunks, each chunk a few committed batches. */
    private void backfill(Migration m, Store target) throws Exception {
        MigrationDefinition d = m.definition();
        if (d.backfill() == BackfillMode.SNAPSHOT) {
            snapshot(m, target);
            return;
        }
        long captured = m.captureSeq();
        stores.prepare(target);
        ProgressMeter meter = meters.computeIfAbsent(m.id(), id -> new ProgressMeter(Math.max(0, target.knownCheckpoint())));
        long sliceEnd = System.nanoTime() + BACKFILL_SLICE_NANOS;
        long position = Math.max(0, target.knownCheckpoint());
        BackfillPacer pacer = pacers.computeIfAbsent(m.id(), id -> new BackfillPacer(d.maxRate()));
        while (position < captured && System.nanoTime() < sliceEnd && !stopping) {
            if (!pacer.awaitStart(sliceEnd)) {
                continue; // the slice ended while waiting for max-rate's turn
            }
            long lag = throttler.primaryLag();
            if (lag > d.throttleLag()) {
                String message = "backfill throttled: the primary is " + lag + " behind the head (limit " + d.throttleLag() + ")";
                if (!message.equals(m.message())) {
                    m.message(message);
                    state.save(m);
                    LOG.info("Migration '{}': {}", m.id(), message);
                }
                return;
            }
            // The applier commits whole batches, so it may go a little past N: harmless, the log is the truth
            // and catch-up starts from the target's checkpoint whatever it is.
            long before = position;
            position = applier.apply(target.name(), Math.min(position + d.chunk(), captured));
            pacer.wrote(position - before);
            meter.record(Math.min(position, captured));
            // Recorded after every chunk: status shows it, and it is what a restart reports as resumed from.
            m.backfillPosition(position);
            m.copied(Math.min(position, captured));
            m.message("backfilling: " + m.copied() + " of " + captured);
            state.save(m);
        }
        if (position < captured) {
            sliceUsedUp = true;
            return;
        }
        attachAsShadow(m, target, captured);
    }

    /** Copy the source's rows as of one snapshot at N through the row mappings; then catch up from N+1. */
    private void snapshot(Migration m, Store target) throws Exception {
        MigrationDefinition d = m.definition();
        Store source = stores.get(d.source());
        stores.prepare(target);
        if (m.copied() > 0) {
            LOG.info("Migration '{}': the snapshot copy stopped at {} rows (seq {}); it starts again in a new snapshot",
                    m.id(), m.copied(), m.captureSeq());
        }
        long seq = snapshots.copy(m.id(), source, target, d.mapping(), d.chunk(), d.throttleLag(), new BackfillPacer(d.maxRate()),
                () -> stopping || cancelling.contains(m.id()),
                new SnapshotBackfill.Progress() {
                    @Override
                    public void started(long at, long rows) {
                        m.captureSeq(at);
                        m.total(rows);
                        m.copied(0);
                        m.backfillPosition(0);
                        m.message("snapshot of '" + d.source() + "' at seq " + at + ": copying " + rows + " rows");
                        meters.put(m.id(), new ProgressMeter(0));
                        state.save(m);
                    }

                    @Override
                    public void copied(String table, Object lastKey, long rows) {
                        m.copied(rows);
                        m.backfillPosition(rows);
                        meters.get(m.id()).record(rows);
                        m.message("copying " + table + " (last key " + lastKey + "): " + rows + " of " + m.total() + " rows");
                        state.save(m);
                    }

                    @Override
                    public void throttled(long lag) {
                        String message = "snapshot copy throttled: the primary is " + lag + " behind the head (limit "
                                + d.throttleLag() + ")";
                        if (!message.equals(m.message())) {
                            m.message(message);
                            state.save(m);
                        }
                    }
                });
        if (seq >= 0) {
            attachAsShadow(m, target, seq);
        }
    }

    /** Backfill done: the target becomes a fed shadow (role and phase together), then its route catches up. */
    private void attachAsShadow(Migration m, Store target, long captured) throws Exception {
        m.phase(MigrationPhase.CATCHING_UP);
        m.message("backfilled to seq " + captured + "; catching up from the queue and the log");
        state.saveWithRoles(m, Map.of(target.name(), StoreRole.SHADOW));
        target.role(StoreRole.SHADOW);
        feeds.attach(target.name());
        pacers.remove(m.id());
        LOG.info("Migration '{}': target '{}' backfilled to seq {}; attached as shadow, catching up", m.id(), target.name(),
                captured);
    }

    /** At most one verification per migration every few seconds: it reads both stores. */
    private boolean verificationDue(Migration m) {
        long now = System.nanoTime();
        Long last = lastVerifyAttempt.get(m.id());
        if (last != null && now - last < VERIFY_EVERY_NANOS) {
            return false;
        }
        lastVerifyAttempt.put(m.id(), now);
        return true;
    }

    /**
     * While a migration waits for its cut-over, the keys changed since the verified seq are re-verified (the
     * freeze's comparison, run live), so the verified seq follows the stores and what a cut-over must re-check
     * inside its freeze stays a few seconds' worth of keys, however long the wait. A real difference sends a READY
     * migration back to SHADOWING, where a full verification decides again.
     */
    private void reverify(Migration m) {
        if (!verificationDue(m)) {
            return;
        }
        MigrationDefinition d = m.definition();
        long from = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
        VerificationGate.Result result = gate.changedSinceLive(m.id(), d.source(), d.target(), from);
        if (result.passed()) {
            m.verifiedSeq(result.provenAt());
            m.verification("passed at seq " + result.provenAt() + ": " + result.summary());
        } else {
            m.verification("failed after seq " + from + ": " + result.summary());
            LOG.warn("Migration '{}': re-verification of '{}' against '{}' failed: {}", m.id(), d.target(), d.source(),
                    result.summary());
            if (m.phase() == MigrationPhase.READY) {
                m.phase(MigrationPhase.SHADOWING);
                m.verifiedSeq(null);
                m.message("re-verification found differences; back to SHADOWING until a full verification passes");
            }
        }
        try {
            long since = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
            m.changedKeys(gate.changedKeyCount(d.source(), d.target(), since, log.head()));
        } catch (RuntimeException e) {
            m.changedKeys(null);
        }
        state.save(m);
    }

    private void verify(Migration m) {
        if (!verificationDue(m)) {
            return;
        }
        MigrationDefinition d = m.definition();
        VerificationGate.Result result = gate.full(m.id(), d.source(), d.target());
        m.verification((result.passed() ? "passed: " : "failed: ") + result.summary());
        if (result.passed()) {
            m.verifiedSeq(result.provenAt());
            m.phase(MigrationPhase.READY);
            m.message("verified; ready to cut over (migrate cutover " + m.id() + ")");
            LOG.info("Migration '{}' is READY: {}", m.id(), result.summary());
        } else {
            m.message("verification failed; retried every " + TimeUnit.NANOSECONDS.toSeconds(VERIFY_EVERY_NANOS) + " s");
            LOG.warn("Migration '{}': verification of '{}' against '{}' failed: {}", m.id(), d.target(), d.source(),
                    result.summary());
        }
        state.save(m);
    }

    /** {@code migrate cutover}: freeze, drain, re-verify, target becomes primary, resume. */
    public synchronized MigrationStatus cutover(String id) {
        Migration m = get(id);
        require(m, "cut over", MigrationPhase.READY, MigrationPhase.ROLLED_BACK);
        if (m.definition().movesLog()) {
            logMigration.cutover(m);
            return view(m);
        }
        cutOver.run(m, m.definition().target(), m.definition().source(), MigrationPhase.CUT_OVER);
        return view(m);
    }

    /** {@code migrate cutover --dry-run}: the checks of a cut-over, its steps and an estimated freeze; changes nothing. */
    public synchronized CutOverPlan cutoverDryRun(String id) {
        Migration m = get(id);
        require(m, "cut over", MigrationPhase.READY, MigrationPhase.ROLLED_BACK);
        return cutOver.plan(m, m.definition().target(), m.definition().source());
    }

    /** {@code migrate rollback}: the same freeze, roles flipped back; the target stays a fed shadow. */
    public synchronized MigrationStatus rollback(String id) {
        Migration m = get(id);
        require(m, "roll back", MigrationPhase.CUT_OVER);
        if (m.definition().movesLog()) {
            logMigration.rollback(m);
            return view(m);
        }
        cutOver.run(m, m.definition().source(), m.definition().target(), MigrationPhase.ROLLED_BACK);
        return view(m);
    }

    /** {@code migrate complete}: the old store is detached (no route, no queue). */
    public synchronized MigrationStatus complete(String id) throws Exception {
        Migration m = get(id);
        require(m, "complete", MigrationPhase.CUT_OVER);
        if (m.definition().movesLog()) {
            logMigration.complete(m);
            return view(m);
        }
        String source = m.definition().source();
        m.phase(MigrationPhase.COMPLETED);
        m.message("completed: '" + m.definition().target() + "' is primary, '" + source + "' detached");
        state.saveWithRoles(m, Map.of(source, StoreRole.DETACHED));
        stores.get(source).role(StoreRole.DETACHED);
        feeds.detach(source);
        LOG.info("Migration '{}' completed: store '{}' detached", id, source);
        return view(m);
    }

    /** {@code migrate cancel}: the target's feed is dropped; the primary never changed. */
    public MigrationStatus cancel(String id) throws Exception {
        cancelling.add(id);
        try {
            return cancelNow(id);
        } finally {
            cancelling.remove(id);
        }
    }

    private synchronized MigrationStatus cancelNow(String id) throws Exception {
        Migration m = get(id);
        require(m, "cancel", MigrationPhase.CREATED, MigrationPhase.BACKFILLING, MigrationPhase.CATCHING_UP,
                MigrationPhase.SHADOWING, MigrationPhase.READY, MigrationPhase.ROLLED_BACK);
        if (m.definition().movesLog()) {
            logMigration.cancel(m);
            return view(m);
        }
        String target = m.definition().target();
        MigrationPhase was = m.phase();
        m.phase(MigrationPhase.CANCELLED);
        m.message("cancelled in phase " + was + ": '" + target + "' detached, its queue deleted");
        state.saveWithRoles(m, Map.of(target, StoreRole.DETACHED));
        stores.get(target).role(StoreRole.DETACHED);
        feeds.detach(target);
        meters.remove(id);
        pacers.remove(id);
        LOG.info("Migration '{}' cancelled in phase {}: store '{}' detached", id, was, target);
        return view(m);
    }

    private Migration get(String id) {
        return state.find(id).orElseThrow(() -> new UnknownMigrationException(id));
    }

    private static void require(Migration m, String verb, MigrationPhase... allowed) {
        if (!List.of(allowed).contains(m.phase())) {
            throw new IllegalStateException("cannot " + verb + " migration '" + m.id() + "' in phase " + m.phase()
                    + "; possible in " + List.of(allowed));
        }
    }

    private MigrationStatus view(Migration m) {
        MigrationDefinition d = m.definition();
        if (d.movesLog()) {
            return logMigration.view(m, throttler.primaryLag());
        }
        long head = log.head();
        Store target = stores.get(d.target());
        long targetLag = target.fed() || m.phase() == MigrationPhase.BACKFILLING ? Math.max(0, head - target.knownCheckpoint()) : 0;
        Long total = m.total();
        BackfillProgress progress = BackfillProgress.of(m, meters.get(m.id()));
        return new MigrationStatus(m.id(), d.source(), d.target(), String.valueOf(target.converter()),
                d.backfill().name().toLowerCase(), m.phase().name(), m.captureSeq(), m.copied(), total,
                progress.percent(), progress.etaSeconds(), progress.rate(), head, targetLag, throttler.primaryLag(), m.verification(),
                m.freezeWindowMillis(), d.maxFreezeMillis(), m.message(), m.createdAt(), m.updatedAt(), "store",
                m.backfillFrom(), m.verifiedSeq(), m.changedKeys(), d.maxRateOrNull());
    }

    /** For tests and status: the migration's roles as the workflow sees them. */
    Map<String, StoreRole> roles(String id) {
        Migration m = get(id);
        Map<String, StoreRole> roles = new LinkedHashMap<>();
        roles.put(m.definition().source(), stores.get(m.definition().source()).role());
        roles.put(m.definition().target(), stores.get(m.definition().target()).role());
        return roles;
    }
}
