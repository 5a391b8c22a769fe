package io.bizmaster.migrate.logmove;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

/**
 * Copies a command log from one business store to another. Log rows are immutable and their seqs dense, so
 * a copy needs no snapshot and resumes at the highest seq the target holds. BizMaster's small mutable tables
 * are copied whole, inside a cut-over's freeze, when nothing writes them.
 */
final class LogCopier {

    /**
     * The business store's tables besides command_log; log_moved is each database's own and never copied. intake_freeze
     * goes too: the freeze recorded where the log was is thawed (its record deleted) where the log is after the switch.
     */
    static final List<String> STATE_TABLES = List.of("log_head", "store_control", "store_failure", "store_replay", "migration",
            "migration_event", "intake_freeze", "coordinator_lease", "domain_head"); // the lease moves with the log: the coordinator's epoch goes on there

    private static final String COLUMNS = "seq, command_id, accepted_id, message_id, type, entity_key, source, issued_at, "
            + "received_at, status, reason, body, domain, domain_seq";
    private static final int INSERT_BATCH = 500;

    /** The highest seq in a business store's command_log, 0 when empty: where a copy into it resumes. */
    long highestSeq(DataSource store) throws SQLException {
        try (Connection c = store.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM command_log");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Copies the rows {@code after < seq <= upTo}, at most {@code limit}, in one target transaction, streaming
     * (a chunk's bodies need not fit in memory). Returns the highest seq copied ({@code after} if none).
     *
     * @throws SQLException also when the source has a hole: a copy never goes past one
     */
    long copy(DataSource from, DataSource to, long after, long upTo, int limit) throws SQLException {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            target.setAutoCommit(false);
            try (PreparedStatement read = source.prepareStatement("SELECT " + COLUMNS
                    + " FROM command_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?");
                 PreparedStatement insert = target.prepareStatement("INSERT INTO command_log (" + COLUMNS
                         + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                read.setLong(1, after);
                read.setLong(2, upTo);
                read.setInt(3, limit);
                read.setFetchSize(Math.min(limit, INSERT_BATCH));
                long last = after;
                int pending = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        if (seq != last + 1) {
                            throw new SQLException("the command log has no entry at seq " + (last + 1) + " (next is " + seq
                                    + "); a copy does not go past a hole");
                        }
                        for (int i = 1; i <= 14; i++) {
                            insert.setObject(i, i == 8 || i == 9 ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
                        }
                        insert.addBatch();
                        last = seq;
                        if (++pending == INSERT_BATCH) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
                target.commit();
                return last;
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            }
        }
    }

    /**
     * Replaces the state tables of the target with the source's, on the target's connection: the caller commits
     * them with what else the switch writes there.
     */
    void copyState(Connection source, Connection target) throws SQLException {
        for (String table : STATE_TABLES) {
            try (Statement delete = target.createStatement()) {
                delete.executeUpdate("DELETE FROM " + table);
            }
            try (Statement read = source.createStatement(); ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                StringBuilder columns = new StringBuilder();
                StringBuilder marks = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    columns.append(i == 1 ? "" : ", ").append(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                    marks.append(i == 1 ? "?" : ", ?");
                }
                try (PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES ("
                        + marks + ")")) {
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            insert.setObject(i, value(rs, meta, i));
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        }
    }

    /** Drops what a cancelled log move copied: the target is an empty business store again. */
    void empty(DataSource store) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("DELETE FROM command_log");
            for (String table : List.of("store_control", "store_failure", "migration", "migration_event", "log_moved",
                    "intake_freeze", "domain_head")) {
                s.executeUpdate("DELETE FROM " + table);
            }
            s.executeUpdate("UPDATE log_head SET seq = 0 WHERE id = 1");
            c.commit();
        }
    }

    private static Object value(ResultSet rs, ResultSetMetaData meta, int column) throws SQLException {
        String type = meta.getColumnTypeName(column).toUpperCase(java.util.Locale.ROOT);
        // Timestamps with a zone cross engines as OffsetDateTime; everything else the drivers map alike.
        return type.contains("TIME ZONE") || type.equals("TIMESTAMPTZ") ? rs.getObject(column, OffsetDateTime.class)
                : rs.getObject(column);
    }
}
