package io.bizmaster.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands a store cannot apply, kept inside the store (Axon's sequenced dead-letter queue): a command that
 * fails for a permanent reason is parked with the reason, in the store's own transaction together with its
 * checkpoint, and so is every later command of the same key, so that key's order holds; other keys go on. The
 * checkpoint passes a parked command: the store's state is a function of the log prefix it applied and of what it
 * parked, both in the store. An operator retries a key (in order) or skips a command, saying why.
 */
public final class ParkedCommands {

    public static final String TABLE = "bizmaster_parked";

    /** One parked command. {@code state} is PARKED, or SKIPPED once an operator let it go (with {@code skipReason}). */
    public record Parked(String store, long seq, String commandId, String type, String key, String reason,
                         Instant parkedAt, String state, String skipReason) {

        public boolean parked() {
            return "PARKED".equals(state);
        }
    }

    private static final String COLUMNS = "store, seq, command_id, command_type, entity_key, reason, parked_at, state, skip_reason";

    private ParkedCommands() {
    }

    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (store VARCHAR(100) NOT NULL, seq BIGINT NOT NULL, "
                    + "command_id VARCHAR(200), command_type VARCHAR(200), entity_key VARCHAR(200) NOT NULL, "
                    + "reason VARCHAR(2000) NOT NULL, parked_at TIMESTAMP NOT NULL, state VARCHAR(16) NOT NULL, "
                    + "skip_reason VARCHAR(2000), PRIMARY KEY (store, seq))");
        }
    }

    /** Parks a command on the caller's connection: it commits with the batch and its checkpoint, or not at all. */
    public static void park(Connection c, String store, long seq, String commandId, String type, String key, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, 'PARKED', NULL)")) {
            ps.setString(1, store);
            ps.setLong(2, seq);
            ps.setString(3, commandId);
            ps.setString(4, type);
            ps.setString(5, key);
            ps.setString(6, cut(reason));
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    /** The keys with a command still parked: later commands of these keys park behind it. */
    public static Set<String> parkedKeys(Connection c, String store) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT entity_key FROM " + TABLE
                + " WHERE store = ? AND state = 'PARKED'")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /**
     * Parked commands in seq order, after {@code afterSeq}, at most {@code limit}.
     *
     * @param key one key, or null for every key
     * @param onlyParked leave out the skipped ones
     */
    public static List<Parked> list(Connection c, String store, String key, boolean onlyParked, long afterSeq, int limit)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE store = ? AND seq > ?"
                + (key == null ? "" : " AND entity_key = ?") + (onlyParked ? " AND state = 'PARKED'" : "") + " ORDER BY seq";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            ps.setString(1, store);
            ps.setLong(2, afterSeq);
            if (key != null) {
                ps.setString(3, key);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Parked> parked = new ArrayList<>();
                while (rs.next()) {
                    parked.add(new Parked(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)));
                }
                return parked;
            }
        }
    }

    public static Optional<Parked> at(Connection c, String store, long seq) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE store = ? AND seq = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, store);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Parked(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)))
                        : Optional.empty();
            }
        }
    }

    public static long count(Connection c, String store) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE store = ? AND state = 'PARKED'")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A retried command applied: it is no longer parked. */
    public static void applied(Connection c, String store, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE store = ? AND seq = ?")) {
            ps.setString(1, store);
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
    }

    /** A retried command failed again: the newest reason. */
    public static void stillParked(Connection c, String store, long seq, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET reason = ? WHERE store = ? AND seq = ?")) {
            ps.setString(1, cut(reason));
            ps.setString(2, store);
            ps.setLong(3, seq);
            ps.executeUpdate();
        }
    }

    /** An operator lets a parked command go, saying why; it stays listed as SKIPPED. Returns whether it was parked. */
    public static boolean skip(Connection c, String store, long seq, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET state = 'SKIPPED', skip_reason = ? "
                + "WHERE store = ? AND seq = ? AND state = 'PARKED'")) {
            ps.setString(1, cut(reason));
            ps.setString(2, store);
            ps.setLong(3, seq);
            return ps.executeUpdate() == 1;
        }
    }

    /** A store emptied for a rebuild forgets what it had parked; one set back to a savepoint, what came after it. */
    public static int forgetAfter(Connection c, String store, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE store = ? AND seq > ?")) {
            ps.setString(1, store);
            ps.setLong(2, seq);
            return ps.executeUpdate();
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
