package io.bizmaster.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a store is stuck and why. A store never skips a command, so a failure blocks it at that
 * sequence number until it succeeds; this records it for status and the command's outcome.
 */
public class ApplyFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyFailures.class);

    private final DataSource businessStore;
    /** Stores known to have an open failure, so the happy path costs no query. */
    private final Map<String, Long> open = new ConcurrentHashMap<>();

    public ApplyFailures(DataSource businessStore) {
        this.businessStore = businessStore;
        for (Failure failure : all()) {
            open.merge(failure.store(), failure.seq(), Math::min);
        }
    }

    /** Stores whose last apply attempt failed because a database did not answer; cleared when the store next commits. */
    private final Map<String, Long> unreachable = new ConcurrentHashMap<>();

    /** The stores whose apply fails: stuck at a seq, or unreachable. */
    public java.util.Set<String> stuck() {
        java.util.Set<String> stuck = new java.util.HashSet<>(open.keySet());
        stuck.addAll(unreachable.keySet());
        return stuck;
    }

    /**
     * The stores whose last attempt failed on a connection (theirs or the log's), not on a command, with when
     * ({@link System#nanoTime}).
     */
    public Map<String, Long> unreachable() {
        return Map.copyOf(unreachable);
    }

    /** An apply attempt of the store failed; one that lost its connection makes the store unreachable. */
    public void attemptFailed(String store, Throwable cause) {
        if (io.bizmaster.store.jdbc.SqlFailures.connectionLost(cause) || lostRecordStore(cause)) {
            unreachable.put(store, System.nanoTime());
        }
    }

    private static boolean lostRecordStore(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.bizmaster.store.StoreUnreachableException) {
                return true;
            }
        }
        return false;
    }

    public record Failure(String store, long seq, String commandId, String reason, int attempts, Instant firstAt,
                          Instant lastAt) {
    }

    public void record(ApplyException failure) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String reason = failure.getMessage().length() > 4000 ? failure.getMessage().substring(0, 4000) : failure.getMessage();
        try (Connection c = businessStore.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE store_failure SET attempts = attempts + 1, last_at = ?, reason = ? WHERE store = ? AND seq = ?")) {
                ps.setObject(1, now);
                ps.setString(2, reason);
                ps.setString(3, failure.store());
                ps.setLong(4, failure.seq());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_failure (store, seq, command_id, reason, "
                        + "attempts, first_at, last_at) VALUES (?, ?, ?, ?, 1, ?, ?)")) {
                    ps.setString(1, failure.store());
                    ps.setLong(2, failure.seq());
                    ps.setString(3, failure.commandId());
                    ps.setString(4, reason);
                    ps.setObject(5, now);
                    ps.setObject(6, now);
                    ps.executeUpdate();
                }
            }
            open.merge(failure.store(), failure.seq(), Math::min);
        } catch (SQLException e) {
            LOG.error("cannot record the failure of store '{}' at seq {}: {}", failure.store(), failure.seq(), e.getMessage());
        }
    }

    /** Called after a store committed up to {@code checkpoint}: failures it got past are resolved. */
    public void passed(String store, long checkpoint) {
        unreachable.remove(store);
        Long stuckAt = open.get(store);
        if (stuckAt == null || stuckAt > checkpoint) {
            return;
        }
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM store_failure WHERE store = ? AND seq <= ?")) {
            ps.setString(1, store);
            ps.setLong(2, checkpoint);
            ps.executeUpdate();
            open.remove(store);
            LOG.info("Store '{}' got past seq {} (checkpoint now {})", store, stuckAt, checkpoint);
        } catch (SQLException e) {
            LOG.warn("cannot clear the failures of store '{}': {}", store, e.getMessage());
        }
    }

    public Optional<Failure> current(String store) {
        if (!open.containsKey(store)) {
            return Optional.empty();
        }
        return query("SELECT store, seq, command_id, reason, attempts, first_at, last_at FROM store_failure "
                + "WHERE store = ? ORDER BY seq", store).stream().findFirst();
    }

    public Optional<Failure> at(String store, long seq) {
        return current(store).filter(f -> f.seq() == seq);
    }

    private java.util.List<Failure> all() {
        return query("SELECT store, seq, command_id, reason, attempts, first_at, last_at FROM store_failure ORDER BY seq");
    }

    private java.util.List<Failure> query(String sql, Object... params) {
        try (Connection c = businessStore.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                java.util.List<Failure> failures = new java.util.ArrayList<>();
                while (rs.next()) {
                    failures.add(new Failure(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, OffsetDateTime.class).toInstant()));
                }
                return failures;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read store failures: " + e.getMessage(), e);
        }
    }
}
