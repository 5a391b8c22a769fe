package io.bizmaster.verify;

import io.bizmaster.apply.ApplyListener;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.store.jdbc.StoreSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the primary with each shadow on the key of every applied command (or a sample of them),
 * as soon as both have applied it.
 *
 * <p>The apply threads only note which sampled commands each store has committed; a command becomes a
 * check when the slower store of the pair has committed it too, and checks go to one worker thread
 * through a bounded queue: when it is full the check is dropped and counted, and no apply thread ever
 * waits. The worker reads the key's row from both stores, each with its checkpoint in one snapshot, and
 * accepts the comparison only if no command changed the key between the two checkpoints; otherwise one
 * store has already applied a later command for it, and the check is tried again a little later.
 */
public class InlineVerifier implements ApplyListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InlineVerifier.class);
    private static final int BATCH = 1000;
    private static final Duration GATHER = Duration.ofMillis(100);

    private final StoreRegistry stores;
    private final Predicate<String> fedAsPrimary;
    private final Projections projections;
    private final ChangedKeys changedKeys;
    private final VerifyProperties.Inline settings;
    private final Sampling sampling;
    private final MeterRegistry meters;
    private final Map<String, Pair> pairs = new ConcurrentHashMap<>();
    private final BlockingQueue<Check> ready;
    private final DelayQueue<Check> retries = new DelayQueue<>();
    private final ArrayDeque<InlineMismatch> recent = new ArrayDeque<>();
    private final Thread worker;
    private volatile boolean running = true;

    public InlineVerifier(StoreRegistry stores, Projections projections, ChangedKeys changedKeys,
                          VerifyProperties.Inline settings, MeterRegistry meters) {
        this(stores, projections, changedKeys, settings, meters, store -> true);
    }

    /**
     * @param fedAsPrimary whether a store is fed what the primary is (the default domain's commands as logged): only
     *                     such a shadow is compared with the primary; a subscriber or another domain's store is not
     */
    public InlineVerifier(StoreRegistry stores, Projections projections, ChangedKeys changedKeys,
                          VerifyProperties.Inline settings, MeterRegistry meters,
                          Predicate<String> fedAsPrimary) {
        this.fedAsPrimary = fedAsPrimary;
        this.stores = stores;
        this.projections = projections;
        this.changedKeys = changedKeys;
        this.settings = settings;
        this.sampling = new Sampling(settings.sampleRate());
        this.meters = meters;
        this.ready = new LinkedBlockingQueue<>(Math.max(1, settings.queueCapacity()));
        this.worker = new Thread(this::work, "inline-verifier");
        this.worker.setDaemon(true);
        Gauge.builder("bizmaster.verify.inline.queued", ready, BlockingQueue::size)
                .description("comparisons waiting for the inline verifier's worker").register(meters);
    }

    /** Starts the worker; until then checks only queue up. */
    public void start() {
        if (settings.enabled()) {
            worker.start();
        }
    }

    @Override
    public void applied(Store store, List<LogEntry> entries) {
        if (!settings.enabled() || entries.isEmpty()) {
            return;
        }
        try {
            Store primary = null;
            List<Store> shadows = new ArrayList<>();
            for (Store s : stores.all()) {
                if (s.role() == StoreRole.PRIMARY) {
                    primary = s;
                } else if (s.role() == StoreRole.SHADOW && fedAsPrimary.test(s.name())) {
                    shadows.add(s);
                }
            }
            if (primary == null) {
                return;
            }
            if (store == primary) {
                for (Store shadow : shadows) {
                    pair(primary, shadow).applied(true, entries);
                }
            } else if (store.role() == StoreRole.SHADOW && fedAsPrimary.test(store.name())) {
                pair(primary, store).applied(false, entries);
            }
        } catch (RuntimeException e) {
            LOG.warn("inline verification could not note seq {}..{} applied by store {}: {}", entries.get(0).seq(),
                    entries.get(entries.size() - 1).seq(), store.name(), e.getMessage());
        }
    }

    private Pair pair(Store primary, Store shadow) {
        String id = primary.name() + "(" + primary.converter() + ")>" + shadow.name() + "(" + shadow.converter() + ")";
        return pairs.computeIfAbsent(id, k -> new Pair(primary, shadow));
    }

    /** One command whose key is to be compared between a pair's two stores. */
    private static final class Check implements Delayed {
        final Pair pair;
        final EntityComparison entity;
        final String key;
        final long seq;
        final String commandId;
        final int attempt;
        final long dueNanos;

        Check(Pair pair, EntityComparison entity, String key, long seq, String commandId, int attempt, long dueNanos) {
            this.pair = pair;
            this.entity = entity;
            this.key = key;
            this.seq = seq;
            this.commandId = commandId;
            this.attempt = attempt;
            this.dueNanos = dueNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Check) other).dueNanos);
        }
    }

    /** A primary and one shadow: which sampled commands each has committed, and the pair's counters. */
    private final class Pair {
        final String primary;
        final String shadow;
        final String inactive;
        final List<EntityComparison> comparisons;
        final ArrayDeque<Check> waiting = new ArrayDeque<>();
        final Counter compared;
        final Counter mismatches;
        final Counter deferred;
        final Counter dropped;
        final Counter unsettled;
        long primaryReached;
        long shadowReached;
        long highestSeen;

        Pair(Store primary, Store shadow) {
            this.primary = primary.name();
            this.shadow = shadow.name();
            List<EntityComparison> planned = List.of();
            String why = null;
            try {
                planned = Verifier.plan(
                        VerifiedStore.still(primary.name(), primary.dataSource(), projections.of(primary.converter().name())),
                        VerifiedStore.still(shadow.name(), shadow.dataSource(), projections.of(shadow.converter().name())),
                        null);
            } catch (VerificationException | io.bizmaster.store.NotRelationalException e) {
                why = e.getMessage();
                LOG.info("No inline verification of store {} against primary {}: {}", shadow.name(), primary.name(), why);
            }
            this.comparisons = planned;
            this.inactive = why;
            this.primaryReached = Math.max(primary.knownCheckpoint(), 0);
            this.shadowReached = Math.max(shadow.knownCheckpoint(), 0);
            // Set by the first batch told, so that batch is checked too.
            this.highestSeen = -1;
            compared = counter("compared", "commands whose key was compared in both stores at one seq (matched = "
                    + "compared - mismatches)");
            mismatches = counter("mismatches", "compared commands whose key differed between the two stores");
            deferred = counter("deferred", "comparisons put off: a later command of the key was applied by one store only");
            dropped = counter("dropped", "commands not compared because the verifier's queue was full");
            unsettled = counter("unsettled", "commands given up on: the key never stood still in both stores");
        }

        private Counter counter(String name, String description) {
            return Counter.builder("bizmaster.verify.inline." + name).description(description).tag("primary", primary)
                    .tag("shadow", shadow).register(meters);
        }

        synchronized void applied(boolean byPrimary, List<LogEntry> entries) {
            if (inactive != null) {
                return;
            }
            if (highestSeen < 0) {
                highestSeen = entries.get(0).seq() - 1;
            }
            for (LogEntry e : entries) {
                if (e.seq() <= highestSeen) {
                    continue;
                }
                highestSeen = e.seq();
                if (!e.accepted() || e.key() == null || !sampling.includes(e.seq())) {
                    continue;
                }
                for (EntityComparison entity : comparisons) {
                    if (entity.changedBy(e.type())) {
                        if (waiting.size() < settings.queueCapacity()) {
                            waiting.add(new Check(this, entity, e.key(), e.seq(), e.commandId(), 0, 0));
                        } else {
                            dropped.increment();
                        }
                    }
                }
            }
            long last = entries.get(entries.size() - 1).seq();
            if (byPrimary) {
                primaryReached = Math.max(primaryReached, last);
            } else {
                shadowReached = Math.max(shadowReached, last);
            }
            long both = Math.min(primaryReached, shadowReached);
            while (!waiting.isEmpty() && waiting.peekFirst().seq <= both) {
                if (!ready.offer(waiting.pollFirst())) {
                    dropped.increment();
                }
            }
        }

        synchronized int waitingCount() {
            return waiting.size();
        }

        InlineStatus.Pair status() {
            return new InlineStatus.Pair(primary, shadow, inactive, (long) compared.count(), (long) mismatches.count(),
                    (long) deferred.count(), (long) dropped.count(), (long) unsettled.count(), waitingCount());
        }
    }

    private void work() {
        while (running) {
            try {
                List<Check> batch = new ArrayList<>();
                Check first = ready.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    // Under load, waiting a moment turns many small comparisons into one per store.
                    Thread.sleep(GATHER.toMillis());
                    batch.add(first);
                    ready.drainTo(batch, BATCH - 1);
                }
                retries.drainTo(batch, BATCH);
                if (!batch.isEmpty()) {
                    compare(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("inline verification failed: {}", e.getMessage(), e);
            }
        }
    }

    private void compare(List<Check> batch) {
        Map<Pair, Map<EntityComparison, Map<String, Check>>> groups = new LinkedHashMap<>();
        for (Check check : batch) {
            // Several commands on one key are covered by one comparison, made for the latest of them.
            groups.computeIfAbsent(check.pair, p -> new LinkedHashMap<>())
                    .computeIfAbsent(check.entity, e -> new LinkedHashMap<>())
                    .merge(check.key, check, (a, b) -> a.seq >= b.seq ? a : b);
        }
        groups.forEach(this::compare);
    }

    /** One snapshot of each store of the pair and one read of the log for all the pair's checks in a batch. */
    private void compare(Pair pair, Map<EntityComparison, Map<String, Check>> checks) {
        // A key parked in either store is reported as parked there, never compared: it is known to differ.
        Store p0 = stores.get(pair.primary);
        Store s0 = stores.get(pair.shadow);
        checks.values().forEach(byKey -> byKey.keySet().removeIf(key -> p0.parked(key) || s0.parked(key)));
        checks.values().removeIf(Map::isEmpty);
        if (checks.isEmpty()) {
            return;
        }
        Map<EntityComparison, Map<String, ProjectedRow>> primaryRows = new LinkedHashMap<>();
        Map<EntityComparison, Map<String, ProjectedRow>> shadowRows = new LinkedHashMap<>();
        long primarySeq;
        long shadowSeq;
        try {
            try (StoreSnapshot p = snapshot(stores.get(pair.primary))) {
                primarySeq = p.seq();
                for (Map.Entry<EntityComparison, Map<String, Check>> entity : checks.entrySet()) {
                    primaryRows.put(entity.getKey(), entity.getKey().source().lookup(p.connection(), entity.getValue().keySet()));
                }
            }
            try (StoreSnapshot s = snapshot(stores.get(pair.shadow))) {
                shadowSeq = s.seq();
                for (Map.Entry<EntityComparison, Map<String, Check>> entity : checks.entrySet()) {
                    shadowRows.put(entity.getKey(), entity.getKey().target().lookup(s.connection(), entity.getValue().keySet()));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("inline verification of {} against {} could not read the stores: {}", pair.shadow, pair.primary,
                    e.getMessage());
            checks.values().forEach(byKey -> byKey.values().forEach(c -> retry(c, pair)));
            return;
        }
        long low = Math.min(primarySeq, shadowSeq);
        long high = Math.max(primarySeq, shadowSeq);
        if (high - low > settings.maxLag()) {
            checks.values().forEach(byKey -> byKey.values().forEach(c -> {
                pair.deferred.increment();
                retry(c, pair);
            }));
            return;
        }
        Map<String, Set<String>> changing = changedKeys.between(low, high, List.copyOf(checks.keySet()), Integer.MAX_VALUE);
        checks.forEach((entity, byKey) -> {
            for (Check check : byKey.values()) {
                if (low < check.seq || changing.get(entity.entity()).contains(check.key)) {
                    pair.deferred.increment();
                    retry(check, pair);
                } else {
                    compare(pair, entity, check, primaryRows.get(entity).get(check.key), shadowRows.get(entity).get(check.key),
                            high);
                }
            }
        });
    }

    private void compare(Pair pair, EntityComparison entity, Check check, ProjectedRow p, ProjectedRow s, long atSeq) {
        pair.compared.increment();
        if (p == null && s == null || p != null && s != null && p.sameValues(s)) {
            return;
        }
        Difference d = Verifier.difference(entity, p, s, atSeq);
        InlineMismatch mismatch = new InlineMismatch(check.commandId, check.seq, atSeq, pair.primary, pair.shadow,
                entity.entity(), check.key, d.kind(), d.columns(), d.source(), d.target(), Instant.now());
        pair.mismatches.increment();
        remember(mismatch);
        LOG.warn("Store {} disagrees with primary {} on {} {} after command {} (seq {}), compared at seq {}: {} {}",
                pair.shadow, pair.primary, entity.entity(), check.key, check.commandId, check.seq, atSeq, d.kind(),
                d.kind() == Difference.Kind.DIFFERENT ? d.columns() + " primary " + d.source() + " shadow " + d.target()
                        : d.kind() == Difference.Kind.MISSING ? "(missing in the shadow)" : "(missing in the primary)");
    }

    private void retry(Check check, Pair pair) {
        if (check.attempt + 1 >= settings.maxAttempts() || retries.size() >= settings.queueCapacity()) {
            pair.unsettled.increment();
            return;
        }
        retries.add(new Check(check.pair, check.entity, check.key, check.seq, check.commandId, check.attempt + 1,
                System.nanoTime() + settings.retryDelay().toNanos()));
    }

    private static StoreSnapshot snapshot(Store store) throws SQLException {
        return StoreSnapshot.open(store.dataSource(), store.name(), true);
    }

    private void remember(InlineMismatch mismatch) {
        synchronized (recent) {
            recent.addLast(mismatch);
            while (recent.size() > settings.mismatchesKept()) {
                recent.removeFirst();
            }
        }
    }

    public InlineStatus status() {
        List<InlineMismatch> mismatches;
        synchronized (recent) {
            mismatches = new ArrayList<>(recent);
        }
        mismatches.sort(Comparator.comparing(InlineMismatch::at).reversed());
        return new InlineStatus(settings.enabled(), settings.sampleRate(), ready.size() + retries.size(),
                pairs.values().stream().map(Pair::status).toList(), mismatches);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        if (worker.isAlive()) {
            worker.join(5_000);
        }
    }
}
