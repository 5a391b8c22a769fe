package io.bizmaster.migrate.store;

import io.bizmaster.store.StoreRegistry;
import io.bizmaster.verify.ChangedKeys;
import io.bizmaster.verify.EntityComparison;
import io.bizmaster.verify.Outcome;
import io.bizmaster.verify.ProjectedRow;
import io.bizmaster.verify.Projections;
import io.bizmaster.verify.VerificationReport;
import io.bizmaster.verify.StoreView;
import io.bizmaster.verify.VerifiedStore;
import io.bizmaster.verify.Verifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verification gate on the shadow verifier: a full verification (through each store's projections,
 * under live traffic) gates READY; inside the freeze, with both stores standing at one seq, only the keys that
 * commands changed since the seq last proven equal (kept with the migration) are looked up and compared, so
 * the freeze stays short.
 */
public class VerifierGate implements VerificationGate {

    private static final int LOOKUP_BATCH = 500;
    private static final int MAX_KEYS = 1_000_000;
    private static final int SAMPLES = 5;

    private final StoreRegistry stores;
    private final Projections projections;
    private final Verifier verifier;
    private final ChangedKeys changedKeys;

    public VerifierGate(StoreRegistry stores, Projections projections, Verifier verifier, ChangedKeys changedKeys) {
        this.stores = stores;
        this.projections = projections;
        this.verifier = verifier;
        this.changedKeys = changedKeys;
    }

    @Override
    public Result full(String migrationId, String source, String target) {
        try {
            VerificationReport report = verifier.verify(verified(source), verified(target), null);
            boolean equal = report.outcome() == Outcome.EQUAL;
            return new Result(equal, report.outcome() + ": " + report.summary()
                    + (report.verifiedSeq() == null ? "" : " (proven equal at seq " + report.verifiedSeq() + ")")
                    + firstDifferences(report, source, target), equal ? report.verifiedSeq() : null);
        } catch (RuntimeException e) {
            return new Result(false, "cannot verify '" + target + "' against '" + source + "': " + e.getMessage(), null);
        }
    }

    /** The first differences, each with both sides' values, so a status says what disagrees, not only that. */
    private static String firstDifferences(VerificationReport report, String source, String target) {
        if (report.differences() == null || report.differences().isEmpty()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (var d : report.differences().subList(0, Math.min(SAMPLES, report.differences().size()))) {
            String what = switch (d.kind()) {
                case MISSING -> "missing in " + target;
                case EXTRA -> "missing in " + source;
                case DIFFERENT -> d.columns().stream().map(c -> c + " " + quoted(d.source().get(c)) + " (" + source + ") vs "
                        + quoted(d.target().get(c)) + " (" + target + ")").collect(java.util.stream.Collectors.joining(", "));
            };
            shown.add(d.entity() + " " + d.key() + ": " + what);
        }
        return "; first: " + String.join("; ", shown);
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
    }

    @Override
    public Result changedSince(String migrationId, String source, String target, long afterSeq, long seq) {
        try {
            Compared compared = compare(source, target, afterSeq, seq);
            int differences = compared.differenceCount();
            return new Result(differences == 0, "re-verified " + compared.keys + " keys changed in seq " + (afterSeq + 1) + ".."
                    + seq + ": " + differences + " differences" + compared.samples(), differences == 0 ? seq : null);
        } catch (SQLException | RuntimeException e) {
            return new Result(false, "cannot re-verify '" + target + "' against '" + source + "' at seq " + seq + ": "
                    + e.getMessage(), null);
        }
    }

    /**
     * The same comparison as inside the freeze, while both stores move: at the lower of their checkpoints, a key
     * that differs but was changed again after it is in flight (one store has applied the later command, the other
     * not yet) and is left to the next round, whose window starts there; any other difference is real.
     */
    @Override
    public Result changedSinceLive(String migrationId, String source, String target, long afterSeq) {
        long seq = Math.min(stores.get(source).knownCheckpoint(), stores.get(target).knownCheckpoint());
        if (seq <= afterSeq) {
            return new Result(true, "no store moved past seq " + afterSeq + " yet", afterSeq);
        }
        try {
            Compared compared = compare(source, target, afterSeq, seq);
            int deferred = 0;
            for (EntityComparison comparison : compared.plan) {
                Set<String> differing = compared.differing.get(comparison.entity());
                if (differing == null) {
                    continue;
                }
                Set<String> inFlight = changedKeys.lastChanges(seq, Long.MAX_VALUE, comparison, differing).keySet();
                differing.removeAll(inFlight);
                deferred += inFlight.size();
            }
            int differences = compared.differenceCount();
            return new Result(differences == 0, "re-verified " + compared.keys + " keys changed in seq " + (afterSeq + 1)
                    + ".." + seq + ": " + differences + " differences" + compared.samples()
                    + (deferred == 0 ? "" : ", " + deferred + " changed again since (re-checked next time)"),
                    differences == 0 ? seq : null);
        } catch (SQLException | RuntimeException e) {
            return new Result(false, "cannot re-verify '" + target + "' against '" + source + "' at seq " + seq + ": "
                    + e.getMessage(), null);
        }
    }

    @Override
    public long changedKeyCount(String source, String target, long afterSeq, long seq) {
        List<EntityComparison> plan = Verifier.plan(verified(source), verified(target), null);
        return changedKeys.between(afterSeq, seq, plan, MAX_KEYS).values().stream().mapToLong(Set::size).sum();
    }

    /** What a comparison of the changed keys found: the keys that differ, per entity, and how. */
    private record Compared(List<EntityComparison> plan, long keys, Map<String, Set<String>> differing,
                            Map<String, String> how) {

        int differenceCount() {
            return differing.values().stream().mapToInt(Set::size).sum();
        }

        String samples() {
            List<String> samples = new ArrayList<>();
            differing.forEach((entity, keys) -> keys.forEach(key -> {
                if (samples.size() < SAMPLES) {
                    samples.add(entity + " " + key + how.get(entity + " " + key));
                }
            }));
            return samples.isEmpty() ? "" : " " + samples;
        }
    }

    /** Looks up in both stores the keys commands changed in afterSeq+1..seq and compares them. */
    private Compared compare(String source, String target, long afterSeq, long seq) throws SQLException {
        VerifiedStore a = verified(source);
        VerifiedStore b = verified(target);
        try (StoreView ca = a.open(); StoreView cb = b.open()) {
            List<EntityComparison> plan = Verifier.plan(a, b, null);
            Map<String, Set<String>> changed = changedKeys.between(afterSeq, seq, plan, MAX_KEYS);
            // A key parked in either store is behind there by design: never equal, and said so, not "differs".
            Set<String> parkedInSource = ca.parkedKeys();
            Set<String> parkedInTarget = cb.parkedKeys();
            long compared = 0;
            Map<String, Set<String>> differing = new java.util.HashMap<>();
            Map<String, String> how = new java.util.HashMap<>();
            for (EntityComparison comparison : plan) {
                List<String> keys = new ArrayList<>(changed.getOrDefault(comparison.entity(), Set.of()));
                for (int i = 0; i < keys.size(); i += LOOKUP_BATCH) {
                    List<String> batch = keys.subList(i, Math.min(i + LOOKUP_BATCH, keys.size()));
                    Map<String, ProjectedRow> left = ca.lookup(comparison.source(), batch);
                    Map<String, ProjectedRow> right = cb.lookup(comparison.target(), batch);
                    for (String key : batch) {
                        compared++;
                        ProjectedRow l = left.get(key);
                        ProjectedRow r = right.get(key);
                        boolean parked = parkedInSource.contains(key) || parkedInTarget.contains(key);
                        boolean same = !parked && (l == null ? r == null : r != null && l.sameValues(r));
                        if (!same) {
                            differing.computeIfAbsent(comparison.entity(), e -> new java.util.TreeSet<>()).add(key);
                            how.put(comparison.entity() + " " + key, parked ? " parked in "
                                    + (parkedInSource.contains(key) ? source : target) : l == null ? " missing in " + source
                                    : r == null ? " missing in " + target : " differs");
                        }
                    }
                }
            }
            return new Compared(plan, compared, differing, how);
        }
    }

    private VerifiedStore verified(String name) {
        return projections.verified(stores.get(name));
    }
}
