package io.bizmaster.verify;

import io.bizmaster.store.jdbc.IndexedLookups;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Which keys of which entities accepted commands changed between two sequence numbers, read from the
 * command log. Two stores at different checkpoints can only disagree legitimately on these keys; any
 * other difference between them is real.
 */
public class ChangedKeys {

    private final DataSource businessStore;

    public ChangedKeys(DataSource businessStore) {
        this.businessStore = businessStore;
    }

    /**
     * For databases compared without a command log (the benchmark's tables, stores held still): asking
     * which keys changed between two different seqs is then an error, never a silent "none".
     */
    public static ChangedKeys withoutLog() {
        return new ChangedKeys(null);
    }

    /**
     * Keys changed by accepted commands with {@code afterSeq < seq <= upToSeq}, per entity of
     * {@code entities}.
     *
     * @param limit most distinct keys to hold in memory
     * @throws VerificationException when more keys than {@code limit} changed
     */
    public Map<String, Set<String>> between(long afterSeq, long upToSeq, List<EntityComparison> entities, int limit) {
        Map<String, Set<String>> changed = new HashMap<>();
        entities.forEach(e -> changed.put(e.entity(), new HashSet<>()));
        if (upToSeq <= afterSeq) {
            return changed;
        }
        int[] held = {0};
        read(afterSeq, upToSeq, (seq, type, key) -> {
            for (EntityComparison entity : entities) {
                if (key != null && entity.changedBy(type) && changed.get(entity.entity()).add(key) && ++held[0] > limit) {
                    throw new VerificationException("more than " + limit + " keys changed between seq " + afterSeq + " and "
                            + upToSeq + ": the two stores are too far apart to tell lag from difference; let the one "
                            + "behind catch up, or raise bizmaster.verify.max-in-flight-keys");
                }
            }
        });
        return changed;
    }

    /**
     * For each of {@code keys} changed by an accepted command with {@code afterSeq < seq <= upToSeq}, the
     * highest such seq.
     */
    public Map<String, Long> lastChanges(long afterSeq, long upToSeq, EntityComparison entity, Set<String> keys) {
        Map<String, Long> last = new HashMap<>();
        if (upToSeq > afterSeq && !keys.isEmpty()) {
            read(afterSeq, upToSeq, (seq, type, key) -> {
                if (key != null && keys.contains(key) && entity.changedBy(type)) {
                    last.merge(key, seq, Math::max);
                }
            });
        }
        return last;
    }

    private interface Visitor {
        void visit(long seq, String type, String key);
    }

    private void read(long afterSeq, long upToSeq, Visitor visitor) {
        if (businessStore == null) {
            throw new VerificationException("the stores are at different seqs (" + afterSeq + " and " + upToSeq
                    + ") but there is no command log to tell which keys changed in between");
        }
        String sql = "SELECT seq, type, entity_key FROM command_log WHERE seq > ? AND seq <= ? AND status = 'ACCEPTED'";
        try (Connection c = businessStore.getConnection()) {
            IndexedLookups.read(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, afterSeq);
                    ps.setLong(2, upToSeq);
                    ps.setFetchSize(1000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            visitor.visit(rs.getLong(1), rs.getString(2), rs.getString(3));
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new VerificationException("cannot read which keys changed between seq " + afterSeq + " and " + upToSeq
                    + " from the command log: " + e.getMessage(), e);
        }
    }
}
