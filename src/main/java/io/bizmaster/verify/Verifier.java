package io.bizmaster.verify;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares two stores entity by entity through their projections.
 *
 * <p>Each store is read in one snapshot transaction that starts by reading its checkpoint, so each side
 * is exactly the log applied up to its own seq. Both sides stream in key order, each on its own thread;
 * they are cut into chunks at a common key bound, a chunk's rows are hashed after normalisation, and only
 * a chunk whose hashes differ is compared row by row.
 *
 * <p>While commands flow, the two checkpoints differ. Keys that the command log shows changing between
 * them are not judged from the scan: they are compared again, once both stores have passed the larger
 * checkpoint, each time reading both rows with their checkpoints and accepting the comparison only if no
 * command changed the key between those two checkpoints. Every other difference is real at once.
 */
public class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

    /**
     * @param chunkSize       rows per chunk (and per batch read)
     * @param differencesKept differences and unsettled keys kept in a report
     * @param maxInFlightKeys most keys changed between the two snapshots that a verification holds
     * @param settleTimeout   how long the re-check waits for changed keys to be comparable at one seq
     * @param pollInterval    how often the re-check looks again
     */
    public record Settings(int chunkSize, int differencesKept, int maxInFlightKeys, Duration settleTimeout,
                           Duration pollInterval) {
    }

    private final ChangedKeys changedKeys;
    private final Settings settings;

    public Verifier(ChangedKeys changedKeys, Settings settings) {
        this.changedKeys = changedKeys;
        this.settings = settings;
    }

    /**
     * The entities two stores can be compared on, checked before anything is read.
     *
     * @param entity one entity, or null for every entity both projections declare
     * @throws VerificationException naming what is missing or contradictory
     */
    public static List<EntityComparison> plan(VerifiedStore source, VerifiedStore target, String entity) {
        if (source.name().equals(target.name())) {
            throw new VerificationException("source and target are both store " + source.name() + "; name two stores");
        }
        for (VerifiedStore store : List.of(source, target)) {
            if (store.projections().entities().isEmpty()) {
                throw new VerificationException("store " + store.name() + " runs converter " + store.projections().converter()
                        + ", which declares no projections: add converters/" + store.projections().converter()
                        + "/projections.yaml");
            }
        }
        List<String> names = new ArrayList<>();
        if (entity != null) {
            for (VerifiedStore store : List.of(source, target)) {
                if (store.projections().entity(entity).isEmpty()) {
                    throw new VerificationException("store " + store.name() + " (converter " + store.projections().converter()
                            + ") has no projection of entity " + entity + "; it has " + store.projections().entities().keySet());
                }
            }
            names.add(entity);
        } else {
            source.projections().entities().keySet().stream()
                    .filter(e -> target.projections().entities().containsKey(e)).forEach(names::add);
            if (names.isEmpty()) {
                throw new VerificationException("stores " + source.name() + " and " + target.name() + " declare no entity in "
                        + "common: " + source.projections().entities().keySet() + " against "
                        + target.projections().entities().keySet());
            }
        }
        return names.stream().map(e -> EntityComparison.of(source.name(), source.projections().entities().get(e),
                target.name(), target.projections().entities().get(e))).toList();
    }

    /** Plans and runs a verification on the calling thread and returns its final report. */
    public VerificationReport verify(VerifiedStore source, VerifiedStore target, String entity) {
        VerificationRun run = new VerificationRun("direct", source, target, entity, plan(source, target, entity),
                settings.differencesKept());
        run(run);
        return run.report();
    }

    /** Runs a verification to its end on the calling thread; the outcome is in {@link VerificationRun#report()}. */
    public void run(VerificationRun run) {
        String pair = "store " + run.source().name() + " against store " + run.target().name();
        try {
            Map<String, Set<String>> deferred = scan(run);
            settle(run, deferred);
            run.finished(run.differenceCount() > 0 ? Outcome.DIFFERENT
                    : run.unsettledCount() > 0 ? Outcome.INCONCLUSIVE
                    : run.parkedCount() > 0 ? Outcome.PARKED : Outcome.EQUAL);
        } catch (VerificationException e) {
            run.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.failed("verification of " + pair + " was interrupted");
        } catch (RuntimeException e) {
            LOG.warn("verification {} of {} failed", run.id(), pair, e);
            run.failed("verification of " + pair + " failed: " + e);
        }
    }

    /** The scan; returns, per entity, the keys seen there that must be compared again at one seq. */
    private Map<String, Set<String>> scan(VerificationRun run) throws InterruptedException {
        run.phase("opening a snapshot of each store");
        try (StoreView a = run.source().open(); StoreView b = run.target().open()) {
            run.seqs(a.seq(), b.seq());
            InFlight inFlight = new InFlight(run.comparisons(), a, b);
            Map<String, String> parked = parked(run, a, b);
            Map<String, Set<String>> deferred = new LinkedHashMap<>();
            for (EntityComparison comparison : run.comparisons()) {
                run.phase("scanning " + comparison.entity());
                deferred.put(comparison.entity(), scanEntity(run, comparison, a, b, inFlight, parked));
            }
            // A record store's pages may be of later seqs than it was opened at: the re-check waits for the latest.
            run.seqs(a.latestSeq(), b.latestSeq());
            return deferred;
        } catch (SQLException e) {
            throw new VerificationException(e.getMessage(), e);
        }
    }

    /**
     * Keys with a command parked in either store, each with the store(s) it is parked in: such a key is behind in that
     * store by design until the command is retried or skipped, so comparing it would report a difference that is
     * already known and explained.
     */
    private static Map<String, String> parked(VerificationRun run, StoreView a, StoreView b) throws SQLException {
        Map<String, String> parked = new HashMap<>();
        for (String key : a.parkedKeys()) {
            parked.put(key, run.source().name());
        }
        for (String key : b.parkedKeys()) {
            parked.merge(key, run.target().name(), (x, y) -> x + " and " + y);
        }
        return parked;
    }

    /**
     * The keys changed between the two sides' seqs, per entity. Starts with those between the seqs the stores were
     * opened at; grows as a record store's pages show later seqs, before each chunk is compared.
     */
    private final class InFlight {
        private final List<EntityComparison> comparisons;
        private final StoreView a;
        private final StoreView b;
        private final Map<String, Set<String>> keys;
        private long upTo;
        private int held;

        InFlight(List<EntityComparison> comparisons, StoreView a, StoreView b) {
            this.comparisons = comparisons;
            this.a = a;
            this.b = b;
            long low = Math.min(a.seq(), b.seq());
            this.upTo = Math.max(a.seq(), b.seq());
            this.keys = changedKeys.between(low, upTo, comparisons, settings.maxInFlightKeys());
            keys.values().forEach(k -> held += k.size());
        }

        /** The in-flight keys of an entity, counting every seq the reads so far reflected. */
        Set<String> of(String entity) {
            long latest = Math.max(a.latestSeq(), b.latestSeq());
            if (latest > upTo) {
                Map<String, Set<String>> more = changedKeys.between(upTo, latest, comparisons,
                        Math.max(0, settings.maxInFlightKeys() - held));
                more.forEach((e, k) -> k.forEach(key -> {
                    if (keys.computeIfAbsent(e, x -> new HashSet<>()).add(key)) {
                        held++;
                    }
                }));
                upTo = latest;
            }
            return keys.getOrDefault(entity, Set.of());
        }
    }

    private Set<String> scanEntity(VerificationRun run, EntityComparison comparison, StoreView a, StoreView b,
                                   InFlight inFlight, Map<String, String> parked) throws InterruptedException, SQLException {
        KeyOrder order = a.keyOrder(comparison.source());
        KeyOrder targetOrder = b.keyOrder(comparison.target());
        if (order != targetOrder) {
            throw new VerificationException("entity " + comparison.entity() + ": the key is " + describe(order) + " in store "
                    + run.source().name() + " but " + describe(targetOrder) + " in store " + run.target().name()
                    + "; cast one of them in its projection so both sort alike");
        }
        VerificationRun.Tally tally = run.tally(comparison.entity());
        long atSeq = Math.max(a.seq(), b.seq());
        Set<String> deferred = new HashSet<>();
        int chunk = settings.chunkSize();
        String thread = "verify-" + run.id() + "-" + comparison.entity() + "-";
        try (ProjectionStream source = new ProjectionStream(comparison.source(), a, chunk, thread + run.source().name());
             ProjectionStream target = new ProjectionStream(comparison.target(), b, chunk, thread + run.target().name())) {
            while (true) {
                source.fill(chunk);
                target.fill(chunk);
                if (source.ended() && source.buffer().isEmpty() && target.ended() && target.buffer().isEmpty()) {
                    break;
                }
                // The smallest last key of a side still reading: every row up to it is in both buffers already.
                String bound = null;
                for (ProjectionStream side : List.of(source, target)) {
                    if (!side.ended()) {
                        String last = side.buffer().peekLast().key();
                        bound = bound == null || order.compare(last, bound) < 0 ? last : bound;
                    }
                }
                List<ProjectedRow> sourceRows = source.takeUpTo(bound, order);
                List<ProjectedRow> targetRows = target.takeUpTo(bound, order);
                tally.sourceRows += sourceRows.size();
                tally.targetRows += targetRows.size();
                if (!parked.isEmpty()) {
                    Set<String> seen = new HashSet<>();
                    sourceRows = withoutParked(sourceRows, parked, seen);
                    targetRows = withoutParked(targetRows, parked, seen);
                    seen.forEach(key -> run.parked(comparison.entity(), key, parked.get(key)));
                }
                // After taking the rows: every one of them was read at or before the latest seq seen now.
                Set<String> changing = inFlight.of(comparison.entity());
                if (!changing.isEmpty()) {
                    sourceRows = withoutInFlight(sourceRows, changing, deferred);
                    targetRows = withoutInFlight(targetRows, changing, deferred);
                }
                if (sourceRows.size() == targetRows.size() && sameHash(sourceRows, targetRows)) {
                    tally.matched += sourceRows.size();
                } else {
                    compareRows(run, comparison, order, sourceRows, targetRows, atSeq);
                }
            }
        }
        tally.inFlight = deferred.size();
        return deferred;
    }

    private static String describe(KeyOrder order) {
        return order == KeyOrder.TEXT ? "text" : "an integer";
    }

    private static List<ProjectedRow> withoutInFlight(List<ProjectedRow> rows, Set<String> inFlight, Set<String> deferred) {
        List<ProjectedRow> kept = new ArrayList<>(rows.size());
        for (ProjectedRow row : rows) {
            if (inFlight.contains(row.key())) {
                deferred.add(row.key());
            } else {
                kept.add(row);
            }
        }
        return kept;
    }

    private static List<ProjectedRow> withoutParked(List<ProjectedRow> rows, Map<String, String> parked, Set<String> seen) {
        List<ProjectedRow> kept = new ArrayList<>(rows.size());
        for (ProjectedRow row : rows) {
            if (parked.containsKey(row.key())) {
                seen.add(row.key());
            } else {
                kept.add(row);
            }
        }
        return kept;
    }

    private static boolean sameHash(List<ProjectedRow> a, List<ProjectedRow> b) {
        long a1 = 0;
        long a2 = 0;
        long b1 = 0;
        long b2 = 0;
        for (ProjectedRow row : a) {
            a1 = a1 * 0x9e3779b97f4a7c15L + row.hash1();
            a2 = a2 * 0xc2b2ae3d27d4eb4fL + row.hash2();
        }
        for (ProjectedRow row : b) {
            b1 = b1 * 0x9e3779b97f4a7c15L + row.hash1();
            b2 = b2 * 0xc2b2ae3d27d4eb4fL + row.hash2();
        }
        return a1 == b1 && a2 == b2;
    }

    /** The row-by-row merge of one chunk whose hashes differ. */
    private static void compareRows(VerificationRun run, EntityComparison comparison, KeyOrder order,
                                    List<ProjectedRow> source, List<ProjectedRow> target, long atSeq) {
        VerificationRun.Tally tally = run.tally(comparison.entity());
        int i = 0;
        int j = 0;
        while (i < source.size() || j < target.size()) {
            int c = i == source.size() ? 1 : j == target.size() ? -1 : order.compare(source.get(i).key(), target.get(j).key());
            if (c < 0) {
                run.difference(difference(comparison, source.get(i++), null, atSeq));
            } else if (c > 0) {
                run.difference(difference(comparison, null, target.get(j++), atSeq));
            } else {
                ProjectedRow s = source.get(i++);
                ProjectedRow t = target.get(j++);
                if (s.sameValues(t)) {
                    tally.matched++;
                } else {
                    run.difference(difference(comparison, s, t, atSeq));
                }
            }
        }
    }

    static Difference difference(EntityComparison comparison, ProjectedRow source, ProjectedRow target, long atSeq) {
        List<String> columns = comparison.columns();
        if (target == null) {
            return new Difference(comparison.entity(), source.key(), Difference.Kind.MISSING, List.of(),
                    values(columns, source), null, atSeq);
        }
        if (source == null) {
            return new Difference(comparison.entity(), target.key(), Difference.Kind.EXTRA, List.of(), null,
                    values(columns, target), atSeq);
        }
        List<String> differing = new ArrayList<>();
        for (int index : source.differingColumns(target)) {
            differing.add(columns.get(index));
        }
        return new Difference(comparison.entity(), source.key(), Difference.Kind.DIFFERENT, differing,
                values(columns, source), values(columns, target), atSeq);
    }

    private static Map<String, String> values(List<String> columns, ProjectedRow row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), row.values()[i]);
        }
        return values;
    }

    /**
     * Compares again the keys that changed between the two snapshots: first waits for both stores to pass
     * the larger checkpoint, then compares each key whenever both stores' states of it belong to one seq.
     */
    private void settle(VerificationRun run, Map<String, Set<String>> deferred) throws InterruptedException {
        int total = deferred.values().stream().mapToInt(Set::size).sum();
        if (total == 0) {
            return;
        }
        VerificationReport progress = run.report();
        long target = progress.comparedAtSeq();
        long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
        run.phase("re-checking " + total + " key(s) changed while scanning: waiting for both stores to pass seq " + target);
        Optional<String> stall = waitForBoth(run, target, deadline);
        if (stall.isEmpty()) {
            Map<String, Set<String>> pending = new LinkedHashMap<>();
            deferred.forEach((entity, keys) -> pending.put(entity, new LinkedHashSet<>(keys)));
            while (pending.values().stream().anyMatch(keys -> !keys.isEmpty())) {
                for (EntityComparison comparison : run.comparisons()) {
                    recheck(run, comparison, pending.get(comparison.entity()), target);
                }
                int left = pending.values().stream().mapToInt(Set::size).sum();
                if (left == 0 || System.nanoTime() > deadline) {
                    break;
                }
                run.phase("re-checking: " + left + " key(s) still changing; trying again");
                Thread.sleep(settings.pollInterval().toMillis());
            }
            deferred = pending;
        } else {
            run.phase("re-check stopped: " + stall.get());
        }
        for (Map.Entry<String, Set<String>> entity : deferred.entrySet()) {
            for (String key : entity.getValue()) {
                run.unsettled(entity.getKey(), key);
            }
        }
    }

    /** Empty once both stores have reached {@code seq}; otherwise why not (stalled, or the deadline passed). */
    private Optional<String> waitForBoth(VerificationRun run, long seq, long deadline) throws InterruptedException {
        while (true) {
            boolean reached = true;
            for (VerifiedStore store : List.of(run.source(), run.target())) {
                long at;
                try (StoreView s = store.open()) {
                    at = s.seq();
                }
                if (at < seq) {
                    reached = false;
                    Optional<String> stalled = store.stalled().get();
                    if (stalled.isPresent()) {
                        return Optional.of("store " + store.name() + " is at seq " + at + " and cannot move on: " + stalled.get());
                    }
                    if (System.nanoTime() > deadline) {
                        return Optional.of("store " + store.name() + " was still at seq " + at + " of " + seq + " after "
                                + settings.settleTimeout().toSeconds() + " s");
                    }
                }
            }
            if (reached) {
                return Optional.empty();
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    private void recheck(VerificationRun run, EntityComparison comparison, Set<String> pending, long atLeast) {
        List<String> keys = new ArrayList<>(pending);
        for (int from = 0; from < keys.size(); from += 500) {
            Set<String> batch = new LinkedHashSet<>(keys.subList(from, Math.min(keys.size(), from + 500)));
            Map<String, ProjectedRow> sourceRows;
            Map<String, ProjectedRow> targetRows;
            long sourceSeq;
            long targetSeq;
            long sourceLatest;
            long targetLatest;
            Map<String, String> parked = new HashMap<>();
            try (StoreView a = run.source().open()) {
                a.parkedKeys().forEach(k -> parked.put(k, run.source().name()));
                sourceRows = a.lookup(comparison.source(), batch);
                sourceSeq = a.seq();
                sourceLatest = a.latestSeq();
            } catch (SQLException e) {
                throw new VerificationException("store " + run.source().name() + ", entity " + comparison.entity()
                        + ": cannot read keys to re-check: " + e.getMessage(), e);
            }
            try (StoreView b = run.target().open()) {
                b.parkedKeys().forEach(k -> parked.merge(k, run.target().name(), (x, y) -> x + " and " + y));
                targetRows = b.lookup(comparison.target(), batch);
                targetSeq = b.seq();
                targetLatest = b.latestSeq();
            } catch (SQLException e) {
                throw new VerificationException("store " + run.target().name() + ", entity " + comparison.entity()
                        + ": cannot read keys to re-check: " + e.getMessage(), e);
            }
            long low = Math.min(sourceSeq, targetSeq);
            long high = Math.max(sourceLatest, targetLatest);
            if (low < atLeast) {
                continue;
            }
            // A key changed between the two checkpoints is in two different states: leave it for the next round.
            Map<String, Long> changing = changedKeys.lastChanges(low, high, comparison, batch);
            VerificationRun.Tally tally = run.tally(comparison.entity());
            for (String key : batch) {
                if (parked.containsKey(key)) {
                    pending.remove(key);
                    run.parked(comparison.entity(), key, parked.get(key));
                    continue;
                }
                if (changing.containsKey(key)) {
                    continue;
                }
                pending.remove(key);
                ProjectedRow s = sourceRows.get(key);
                ProjectedRow t = targetRows.get(key);
                if (s == null && t == null) {
                    continue;
                }
                if (s != null && t != null && s.sameValues(t)) {
                    tally.matched++;
                } else {
                    run.difference(difference(comparison, s, t, high));
                }
            }
        }
    }
}
