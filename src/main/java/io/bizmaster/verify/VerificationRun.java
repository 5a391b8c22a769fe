package io.bizmaster.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one verification while it runs: written by the thread running it, read at any time by
 * {@link #report()} for progress. Keeps the counts, and only the first differences and unsettled keys,
 * so its size does not grow with the tables'.
 */
public final class VerificationRun {

    private final String id;
    private final VerifiedStore source;
    private final VerifiedStore target;
    private final String entityFilter;
    private final List<EntityComparison> comparisons;
    private final int differencesKept;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final List<Difference> differences = new ArrayList<>();
    private final List<String> unsettledKeys = new ArrayList<>();
    private final List<String> parkedKeys = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private String state = "RUNNING";
    private String phase = "queued";
    private Long sourceSeq;
    private Long targetSeq;
    private Instant finishedAt;
    private Outcome outcome;
    private String error;

    public VerificationRun(String id, VerifiedStore source, VerifiedStore target, String entityFilter,
                           List<EntityComparison> comparisons, int differencesKept) {
        this.id = id;
        this.source = source;
        this.target = target;
        this.entityFilter = entityFilter;
        this.comparisons = List.copyOf(comparisons);
        this.differencesKept = differencesKept;
        comparisons.forEach(c -> tallies.put(c.entity(), new Tally()));
    }

    public String id() {
        return id;
    }

    public VerifiedStore source() {
        return source;
    }

    public VerifiedStore target() {
        return target;
    }

    public List<EntityComparison> comparisons() {
        return comparisons;
    }

    /** The counts of one entity; its fields are only written by the verifying thread. */
    static final class Tally {
        volatile long sourceRows;
        volatile long targetRows;
        volatile long matched;
        volatile long missing;
        volatile long extra;
        volatile long different;
        volatile long inFlight;
        volatile long unsettled;
        volatile long parked;
        final Map<String, Long> differentByColumn = new TreeMap<>();
    }

    Tally tally(String entity) {
        return tallies.get(entity);
    }

    synchronized void phase(String phase) {
        this.phase = phase;
    }

    synchronized void seqs(long sourceSeq, long targetSeq) {
        this.sourceSeq = sourceSeq;
        this.targetSeq = targetSeq;
    }

    synchronized void difference(Difference d) {
        Tally t = tallies.get(d.entity());
        switch (d.kind()) {
            case MISSING -> t.missing++;
            case EXTRA -> t.extra++;
            case DIFFERENT -> {
                t.different++;
                d.columns().forEach(c -> t.differentByColumn.merge(c, 1L, Long::sum));
            }
        }
        if (differences.size() < differencesKept) {
            differences.add(d);
        }
    }

    synchronized void unsettled(String entity, String key) {
        tallies.get(entity).unsettled++;
        if (unsettledKeys.size() < differencesKept) {
            unsettledKeys.add(entity + " " + key);
        }
    }

    synchronized void parked(String entity, String key, String stores) {
        tallies.get(entity).parked++;
        if (parkedKeys.size() < differencesKept) {
            parkedKeys.add(entity + " " + key + " (parked in " + stores + ")");
        }
    }

    synchronized long parkedCount() {
        return tallies.values().stream().mapToLong(t -> t.parked).sum();
    }

    synchronized void finished(Outcome outcome) {
        this.outcome = outcome;
        this.state = "DONE";
        this.phase = "done";
        this.finishedAt = Instant.now();
    }

    synchronized void failed(String error) {
        this.error = error;
        this.state = "FAILED";
        this.phase = "failed";
        this.finishedAt = Instant.now();
    }

    synchronized long differenceCount() {
        return tallies.values().stream().mapToLong(t -> t.missing + t.extra + t.different).sum();
    }

    synchronized long unsettledCount() {
        return tallies.values().stream().mapToLong(t -> t.unsettled).sum();
    }

    public synchronized boolean finished() {
        return finishedAt != null;
    }

    public synchronized VerificationReport report() {
        List<EntityReport> entities = new ArrayList<>();
        long matched = 0;
        long differenceCount = 0;
        for (EntityComparison c : comparisons) {
            Tally t = tallies.get(c.entity());
            Map<String, List<String>> notCompared = new LinkedHashMap<>();
            if (!c.onlyInSource().isEmpty()) {
                notCompared.put(source.name(), c.onlyInSource());
            }
            if (!c.onlyInTarget().isEmpty()) {
                notCompared.put(target.name(), c.onlyInTarget());
            }
            entities.add(new EntityReport(c.entity(), c.columns(), notCompared, c.rules(), t.sourceRows, t.targetRows,
                    t.matched, t.missing, t.extra, t.different, new TreeMap<>(t.differentByColumn), t.inFlight, t.unsettled,
                    t.parked));
            matched += t.matched;
            differenceCount += t.missing + t.extra + t.different;
        }
        Long atSeq = sourceSeq == null ? null : Math.max(sourceSeq, targetSeq);
        return new VerificationReport(id, source.name(), target.name(), entityFilter, state, phase, outcome, startedAt,
                finishedAt, sourceSeq, targetSeq, atSeq, outcome == Outcome.EQUAL ? atSeq : null, matched, differenceCount,
                entities, List.copyOf(differences), List.copyOf(unsettledKeys), List.copyOf(parkedKeys), summary(matched, differenceCount, atSeq), error);
    }

    private String summary(long matched, long differenceCount, Long atSeq) {
        String pair = "store " + source.name() + " and store " + target.name();
        if (error != null) {
            return "verification of " + pair + " failed: " + error;
        }
        if (outcome == null) {
            return "verifying " + pair + ": " + phase;
        }
        return switch (outcome) {
            case EQUAL -> String.format("%s are equal at seq %d (%,d rows)", pair, atSeq, matched);
            case DIFFERENT -> String.format("%s differ: %,d difference(s), %,d rows equal", pair, differenceCount, matched)
                    + (unsettledCount() > 0 ? ", " + unsettledCount() + " key(s) unsettled" : "")
                    + (parkedCount() > 0 ? ", " + parkedCount() + " key(s) parked" : "");
            case INCONCLUSIVE -> pair + ": no difference found, but " + unsettledCount() + " key(s) changed while verifying "
                    + "could not be compared with both stores at the same seq";
            case PARKED -> String.format("%s: no difference among %,d rows compared, but %,d key(s) were not compared "
                    + "because a command of theirs is parked (bizmaster store parked NAME; retry or skip them, then verify "
                    + "again)", pair, matched, parkedCount());
        };
    }
}
