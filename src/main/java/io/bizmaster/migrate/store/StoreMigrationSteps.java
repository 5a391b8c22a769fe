package io.bizmaster.migrate.store;

import io.bizmaster.apply.ConverterSwitch;
import io.bizmaster.apply.StoreReset;
import io.bizmaster.backfill.BackfillPacer;
import io.bizmaster.backfill.LagThrottler;
import io.bizmaster.backfill.LogReplay;
import io.bizmaster.backfill.ProgressMeter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.Backfill;
import io.bizmaster.migrate.BackfillProgress;
import io.bizmaster.migrate.CutOverPlan;
import io.bizmaster.migrate.Migration;
import io.bizmaster.migrate.MigrationDefinition;
import io.bizmaster.migrate.MigrationLimits;
import io.bizmaster.migrate.MigrationPhase;
import io.bizmaster.migrate.MigrationRepository;
import io.bizmaster.migrate.MigrationStatus;
import io.bizmaster.migrate.MigrationSteps;
import io.bizmaster.migrate.ReplayFrom;
import io.bizmaster.migrate.StoreMigrationPlan;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreBusyException;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.domain.Domains;
import io.bizmaster.domain.StoreFeed;
import io.bizmaster.store.StoreRole;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store migration (seed scenario 3): capture at N, backfill the target (a replay of the log or a snapshot copy of
 * the source), catch up, shadow with a verification gate, then the operator's cut-over ({@link CutOver}), rollback,
 * complete or cancel.
 */
public class StoreMigrationSteps implements MigrationSteps<StoreMigrationPlan> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreMigrationSteps.class);
    private static final long VERIFY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long BACKFILL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final MigrationRepository repository;
    private final StoreRegistry stores;
    private final Domains domains;
    private final PipelineControl pipeline;
    private final LogReplay replay;
    private final CommandLog log;
    private final ConverterSwitch converterSwitch;
    private final LagThrottler throttler;
    private final VerificationGate gate;
    private final CutOver cutOver;
    private final SnapshotCopy snapshots;
    private final StoreReset reset;
    private final Map<String, ProgressMeter> meters = new ConcurrentHashMap<>();
    private final Map<String, BackfillPacer> pacers = new ConcurrentHashMap<>();
    private final Map<String, Long> lastVerifyAttempt = new ConcurrentHashMap<>();

    public StoreMigrationSteps(MigrationRepository repository, StoreRegistry stores, PipelineControl pipeline, LogReplay replay,
                               CommandLog log, ConverterSwitch converterSwitch, LagThrottler throttler, VerificationGate gate,
                               CutOver cutOver, StoreReset reset, Domains domains) {
        this.domains = domains;
        this.repository = repository;
        this.stores = stores;
        this.pipeline = pipeline;
        this.replay = replay;
        this.log = log;
        this.converterSwitch = converterSwitch;
        this.throttler = throttler;
        this.gate = gate;
        this.cutOver = cutOver;
        this.snapshots = new SnapshotCopy(throttler);
        this.reset = reset;
    }

    @Override
    public Class<StoreMigrationPlan> planType() {
        return StoreMigrationPlan.class;
    }

    @Override
    public void check(MigrationDefinition d, StoreMigrationPlan plan, List<Migration> sameKind) {
        Store source = stores.get(plan.source());
        Store target = stores.get(plan.target());
        StoreBusyException.check(source, "migrate from");
        StoreBusyException.check(target, "migrate to");
        if (!source.fed()) {
            throw new IllegalArgumentException("migration '" + d.id() + "': source store '" + plan.source() + "' is detached");
        }
        // The target takes over the source's place: it must be handed the same commands, so the two can be equal.
        StoreFeed from = domains.feed(source.name());
        StoreFeed to = domains.feed(target.name());
        if (!sameFeed(from, to)) {
            throw new IllegalArgumentException("migration '" + d.id() + "': store '" + target.name() + "' is fed "
                    + describe(to) + " and store '" + source.name() + "' " + describe(from) + "; a migration's target "
                    + "takes over from its source, so declare it with the same domain or subscriptions (docs/READ-MODELS.md)");
        }
        if (target.fed()) {
            throw new IllegalArgumentException("migration '" + d.id() + "': target store '" + plan.target() + "' is "
                    + target.role().name().toLowerCase() + "; declare the target with role: detached, the migration attaches it");
        }
        if (!target.capabilities().verifiable()) {
            throw new IllegalArgumentException("migration '" + d.id() + "': target store '" + plan.target() + "' is on "
                    + "connector '" + target.connector() + "', which is write-only: a migration proves the target equal "
                    + "to the source before it cuts over, and a write-only store cannot be read back to be verified");
        }
        if (plan.backfill() instanceof Backfill.Snapshot && (!source.relational() || !target.relational())) {
            Store records = source.relational() ? target : source;
            throw new IllegalArgumentException("migration '" + d.id() + "': a snapshot backfill copies rows with SQL, "
                    + "but store '" + records.name() + "' is on connector '" + records.connector() + "' and keeps "
                    + "records by key; use backfill: replay (the log replayed through the target's converter)");
        }
        if (plan.backfill() instanceof Backfill.Replay replay && replay.from() == ReplayFrom.ZERO
                && !target.capabilities().replayable()) {
            throw new IllegalArgumentException("migration '" + d.id() + "': target store '" + plan.target() + "' is on "
                    + "connector '" + target.connector() + "', which cannot be emptied for a replay from 0");
        }
        for (Migration other : sameKind) {
            StoreMigrationPlan o = (StoreMigrationPlan) other.definition().plan();
            if (!other.phase().finished() && other.phase() != MigrationPhase.ROLLED_BACK
                    && (o.target().equals(plan.target()) || o.source().equals(plan.target()))) {
                throw new IllegalArgumentException("migration '" + d.id() + "': store '" + plan.target() + "' is already in "
                        + other);
            }
        }
    }

    private static String describe(StoreFeed feed) {
        if (feed instanceof StoreFeed.DomainFeed own) {
            return "domain " + own.domain() + "'s commands";
        }
        return "subscriptions to " + String.join(", ", ((StoreFeed.SubscriberFeed) feed).subscriptions().stream()
                .map(s -> s.publication().publicName() + (s.types().isEmpty() ? "" : " types " + s.types())
                        + (s.where().isEmpty() ? "" : " where " + s.where())).toList());
    }

    /** Whether two stores are handed the same commands (a subscriber's subscriptions in any order). */
    private static boolean sameFeed(StoreFeed a, StoreFeed b) {
        if (a instanceof StoreFeed.SubscriberFeed x && b instanceof StoreFeed.SubscriberFeed y) {
            return Set.copyOf(x.subscriptions()).equals(Set.copyOf(y.subscriptions()));
        }
        return a.equals(b);
    }

    @Override
    public String createdMessage(StoreMigrationPlan plan) {
        return "created: the target's queue is bound and seq N captured at the next step";
    }

    @Override
    public Optional<String> roleOf(StoreMigrationPlan plan, String store) {
        return plan.roleOf(store);
    }

    @Override
    public boolean step(Migration m, StoreMigrationPlan plan, BooleanSupplier stop) throws Exception {
        Store target = stores.get(plan.target());
        MigrationLimits limits = m.definition().limits();
        switch (m.phase()) {
            case CREATED -> capture(m, plan, target);
            case BACKFILLING -> {
                return plan.backfill() instanceof Backfill.Snapshot snapshot
                        ? snapshot(m, plan, snapshot, target, stop)
                        : replay(m, target, stop);
            }
            case CATCHING_UP -> {
                long lag = log.head() - target.knownCheckpoint();
                if (lag <= limits.maxCutoverLag()) {
                    m.phase(MigrationPhase.SHADOWING);
                    m.message("caught up (lag " + lag + "); shadowing, waiting for a full verification");
                    repository.save(m);
                    LOG.info("Migration '{}': target '{}' caught up to seq {}", m.id(), plan.target(), target.knownCheckpoint());
                }
            }
            case SHADOWING -> verify(m, plan);
            case READY, ROLLED_BACK -> reverify(m, plan);
            default -> {
            }
        }
        return false;
    }

    /** Capture at N: bind the target's queue first, then read the head, so everything after N waits for it. */
    private void capture(Migration m, StoreMigrationPlan plan, Store target) throws Exception {
        if (plan.converter().isPresent() && !plan.converter().get().equals(target.converter())) {
            converterSwitch.set(target.name(), plan.converter().get());
        }
        stores.prepare(target);
        pipeline.bind(target.name());
        if (plan.backfill() instanceof Backfill.Replay replayBackfill) {
            captureForReplay(m, plan, replayBackfill, target);
            return;
        }
        // N is the source's checkpoint in the snapshot, read when the copy starts; the queue is bound before.
        m.phase(MigrationPhase.BACKFILLING);
        m.message("queue of '" + target.name() + "' bound; the snapshot copy of '" + plan.source() + "' starts");
        repository.save(m);
        LOG.info("Migration '{}': queue of '{}' bound; snapshot backfill from '{}' starts", m.id(), target.name(), plan.source());
    }

    private void captureForReplay(Migration m, StoreMigrationPlan plan, Backfill.Replay backfill, Store target) throws Exception {
        if (backfill.from() == ReplayFrom.ZERO) {
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
                + "' with " + target.converter() + (backfill.from() == ReplayFrom.ZERO ? " (emptied first)"
                : from > 0 ? " from its savepoint (checkpoint " + from + ")" : ""));
        repository.save(m);
        meters.put(m.id(), new ProgressMeter(from));
        LOG.info("Migration '{}': queue of '{}' bound, captured at seq {}; backfill (replay, from {}) replays seq {}..{}",
                m.id(), target.name(), captured, backfill.from() == ReplayFrom.ZERO ? "0" : "savepoint " + from, from + 1,
                captured);
    }

    /** Replays 1..N through the target's converter in chunks, for at most one slice; the runner calls again. */
    private boolean replay(Migration m, Store target, BooleanSupplier stop) throws Exception {
        MigrationLimits limits = m.definition().limits();
        long captured = m.captureSeq();
        stores.prepare(target);
        long position = Math.max(0, target.knownCheckpoint());
        ProgressMeter meter = meters.computeIfAbsent(m.id(), id -> new ProgressMeter(position));
        BackfillPacer pacer = pacers.computeIfAbsent(m.id(), id -> new BackfillPacer(limits.maxRate()));
        // The applier commits whole batches, so it may go a little past N: harmless, the log is the truth and
        // catch-up starts from the target's checkpoint whatever it is.
        LogReplay.Reached reached = replay.advance(target.name(), position, captured,
                new LogReplay.Limits(limits.chunk(), limits.throttleLag()), pacer, meter,
                System.nanoTime() + BACKFILL_SLICE_NANOS, stop, seq -> {
                    // Recorded after every chunk: status shows it, and it is what a restart reports as resumed from.
                    m.backfillPosition(seq);
                    m.copied(Math.min(seq, captured));
                    m.message("backfilling: " + m.copied() + " of " + captured);
                    repository.save(m);
                });
        if (reached.throttled()) {
            String message = "backfill throttled: the primary is " + reached.throttledAtLag() + " behind the head (limit "
                    + limits.throttleLag() + ")";
            if (!message.equals(m.message())) {
                m.message(message);
                repository.save(m);
                LOG.info("Migration '{}': {}", m.id(), message);
            }
            return false;
        }
        if (reached.checkpoint() < captured) {
            return !stop.getAsBoolean();
        }
        attachAsShadow(m, target, captured);
        return false;
    }

    /** Copies the source's rows as of one snapshot at N through the row mappings; then catch up from N+1. */
    private boolean snapshot(Migration m, StoreMigrationPlan plan, Backfill.Snapshot backfill, Store target,
                             BooleanSupplier stop) throws Exception {
        MigrationLimits limits = m.definition().limits();
        Store source = stores.get(plan.source());
        stores.prepare(target);
        if (m.copied() > 0) {
            LOG.info("Migration '{}': the snapshot copy stopped at {} rows (seq {}); it starts again in a new snapshot",
                    m.id(), m.copied(), m.captureSeq());
        }
        long seq = snapshots.copy(m.id(), source, target, backfill.mapping(), limits.chunk(), limits.throttleLag(),
                new BackfillPacer(limits.maxRate()), stop, new SnapshotCopy.Progress() {
                    @Override
                    public void started(long at, long rows) {
                        m.captureSeq(at);
                        m.total(rows);
                        m.copied(0);
                        m.backfillPosition(0);
                        m.message("snapshot of '" + plan.source() + "' at seq " + at + ": copying " + rows + " rows");
                        meters.put(m.id(), new ProgressMeter(0));
                        repository.save(m);
                    }

                    @Override
                    public void copied(String table, Object lastKey, long rows) {
                        m.copied(rows);
                        m.backfillPosition(rows);
                        meters.get(m.id()).record(rows);
                        m.message("copying " + table + " (last key " + lastKey + "): " + rows + " of " + m.total() + " rows");
                        repository.save(m);
                    }

                    @Override
                    public void throttled(long lag) {
                        String message = "snapshot copy throttled: the primary is " + lag + " behind the head (limit "
                                + limits.throttleLag() + ")";
                        if (!message.equals(m.message())) {
                            m.message(message);
                            repository.save(m);
                        }
                    }
                });
        if (seq >= 0) {
            ProgressMeter meter = meters.get(m.id());
            if (meter != null) {
                meter.done();
            }
            attachAsShadow(m, target, seq);
        }
        return false;
    }

    /** Backfill done: the target becomes a fed shadow (role and phase together), then its route catches up. */
    private void attachAsShadow(Migration m, Store target, long captured) throws Exception {
        m.phase(MigrationPhase.CATCHING_UP);
        m.message("backfilled to seq " + captured + "; catching up from the queue and the log");
        repository.saveWithRoles(m, Map.of(target.name(), StoreRole.SHADOW));
        target.role(StoreRole.SHADOW);
        pipeline.attach(target.name());
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
    private void reverify(Migration m, StoreMigrationPlan plan) {
        if (!verificationDue(m)) {
            return;
        }
        long from = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
        VerificationGate.Result result = gate.changedSinceLive(m.id(), plan.source(), plan.target(), from);
        if (result.passed()) {
            m.verifiedSeq(result.verifiedSeq());
            m.verification("passed at seq " + result.verifiedSeq() + ": " + result.summary());
        } else {
            m.verification("failed after seq " + from + ": " + result.summary());
            LOG.warn("Migration '{}': re-verification of '{}' against '{}' failed: {}", m.id(), plan.target(), plan.source(),
                    result.summary());
            if (m.phase() == MigrationPhase.READY) {
                m.phase(MigrationPhase.SHADOWING);
                m.verifiedSeq(null);
                m.message("re-verification found differences; back to SHADOWING until a full verification passes");
            }
        }
        try {
            long since = m.verifiedSeq() == null ? 0 : m.verifiedSeq();
            m.changedKeys(gate.changedKeyCount(plan.source(), plan.target(), since, log.head()));
        } catch (RuntimeException e) {
            m.changedKeys(null);
        }
        repository.save(m);
    }

    private void verify(Migration m, StoreMigrationPlan plan) {
        if (!verificationDue(m)) {
            return;
        }
        VerificationGate.Result result = gate.full(m.id(), plan.source(), plan.target());
        m.verification((result.passed() ? "passed: " : "failed: ") + result.summary());
        if (result.passed()) {
            m.verifiedSeq(result.verifiedSeq());
            m.phase(MigrationPhase.READY);
            m.message("verified; ready to cut over (migrate cutover " + m.id() + ")");
            LOG.info("Migration '{}' is READY: {}", m.id(), result.summary());
        } else {
            m.message("verification failed (see verification: the first differences); verified again every "
                    + TimeUnit.NANOSECONDS.toSeconds(VERIFY_EVERY_NANOS) + " s. If the target's converter means them (a "
                    + "new format), declare the rule in its projections (e.g. ignore-case: docs/VERIFICATION.md); if it is "
                    + "wrong, migrate cancel " + m.id() + ", fix the converter and create the migration again; 'verify "
                    + plan.source() + " " + plan.target() + "' lists them all");
            LOG.warn("Migration '{}': verification of '{}' against '{}' failed: {}", m.id(), plan.target(), plan.source(),
                    result.summary());
        }
        repository.save(m);
    }

    @Override
    public void cutover(Migration m, StoreMigrationPlan plan) {
        cutOver.run(m, plan.target(), plan.source(), MigrationPhase.CUT_OVER);
    }

    @Override
    public CutOverPlan dryRun(Migration m, StoreMigrationPlan plan) {
        return cutOver.plan(m, plan.target(), plan.source());
    }

    @Override
    public void rollback(Migration m, StoreMigrationPlan plan) {
        cutOver.run(m, plan.source(), plan.target(), MigrationPhase.ROLLED_BACK);
    }

    /** The old store is detached (no route, no queue). */
    @Override
    public void complete(Migration m, StoreMigrationPlan plan) throws Exception {
        String source = plan.source();
        m.phase(MigrationPhase.COMPLETED);
        m.message("completed: '" + plan.target() + "' is " + stores.get(plan.target()).role().name().toLowerCase()
                + ", '" + source + "' detached");
        repository.saveWithRoles(m, Map.of(source, StoreRole.DETACHED));
        stores.get(source).role(StoreRole.DETACHED);
        pipeline.detach(source);
        LOG.info("Migration '{}' completed: store '{}' detached", m.id(), source);
    }

    /** The target's feed is dropped; the primary never changed. */
    @Override
    public void cancel(Migration m, StoreMigrationPlan plan) throws Exception {
        String target = plan.target();
        MigrationPhase was = m.phase();
        m.phase(MigrationPhase.CANCELLED);
        m.message("cancelled in phase " + was + ": '" + target + "' detached, its queue deleted");
        repository.saveWithRoles(m, Map.of(target, StoreRole.DETACHED));
        stores.get(target).role(StoreRole.DETACHED);
        pipeline.detach(target);
        meters.remove(m.id());
        pacers.remove(m.id());
        LOG.info("Migration '{}' cancelled in phase {}: store '{}' detached", m.id(), was, target);
    }

    /** A cut-over cut short by a restart did not flip roles (they commit with CUT_OVER); a queue a crash left is deleted. */
    @Override
    public void recover(List<Migration> sameKind) {
        Set<String> inUse = new HashSet<>();
        for (Migration m : sameKind) {
            if (!m.phase().finished()) {
                inUse.add(((StoreMigrationPlan) m.definition().plan()).target());
            }
        }
        for (Migration m : sameKind) {
            StoreMigrationPlan plan = (StoreMigrationPlan) m.definition().plan();
            if (m.phase() == MigrationPhase.FREEZING) {
                MigrationPhase back = stores.get(plan.target()).role() == StoreRole.PRIMARY
                        ? MigrationPhase.CUT_OVER : MigrationPhase.READY;
                m.phase(back);
                m.message("the cut-over was interrupted by a restart before it committed; roles unchanged, intake running; "
                        + "phase back to " + back);
                repository.save(m);
                LOG.warn("Migration '{}': {}", m.id(), m.message());
            }
            // A crash between recording the detach and deleting the queue leaves the queue: delete it now.
            String dropped = m.phase() == MigrationPhase.COMPLETED ? plan.source()
                    : m.phase() == MigrationPhase.CANCELLED ? plan.target() : null;
            if (dropped != null && !inUse.contains(dropped) && !stores.get(dropped).fed()) {
                try {
                    pipeline.detach(dropped);
                } catch (Exception e) {
                    LOG.warn("Migration '{}': cannot delete the queue of store '{}': {}", m.id(), dropped, e.getMessage());
                }
            }
        }
    }

    @Override
    public MigrationStatus view(Migration m, StoreMigrationPlan plan) {
        long head = log.head();
        // A finished migration may name a store this configuration no longer declares (the demo's): shown, not failed.
        Store target = stores.find(plan.target()).orElse(null);
        long targetLag = target != null && (target.fed() || m.phase() == MigrationPhase.BACKFILLING)
                ? Math.max(0, head - target.knownCheckpoint()) : 0;
        BackfillProgress progress = BackfillProgress.of(m, meters.get(m.id()));
        MigrationLimits limits = m.definition().limits();
        return new MigrationStatus(m.id(), plan.source(), plan.target(),
                target == null ? "(store not configured now)" : String.valueOf(target.converter()),
                plan.backfill().method().toLowerCase(), m.phase().name(), m.captureSeq(), m.copied(), m.total(),
                progress.percent(), progress.etaSeconds(), progress.rate(), head, targetLag, throttler.primaryLag(),
                m.verification(), m.freezeWindowMillis(), limits.maxFreezeMillis(), m.message(), m.createdAt(), m.updatedAt(),
                plan.kind(), m.backfillFrom(), m.verifiedSeq(), m.changedKeys(), limits.maxRateOrNull(), List.of());
    }
}
