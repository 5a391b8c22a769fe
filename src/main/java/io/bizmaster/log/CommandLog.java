package io.bizmaster.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The append-only command log in the business store. Appends are serialized by a lock on the single
 * {@code log_head} row, which makes sequence numbers dense and the de-duplication check race-free
 * between any number of intake consumers or instances.
 */
public class CommandLog {

    private static final String COLUMNS =
            "seq, command_id, type, entity_key, source, issued_at, received_at, status, reason, body";

    private final DataSource dataSource;

    public CommandLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Appended append(NewEntry entry) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long head = lockHead(c);
                Optional<LogEntry> existing = findDuplicate(c, entry);
                if (existing.isPresent()) {
                    c.rollback();
                    return new Appended(existing.get(), true);
                }
                LogEntry written = insert(c, head + 1, entry);
                try (PreparedStatement ps = c.prepareStatement("UPDATE log_head SET seq = ? WHERE id = 1")) {
                    ps.setLong(1, written.seq());
                    ps.executeUpdate();
                }
                c.commit();
                return new Appended(written, false);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot append command " + entry.commandId() + " to the command log: "
                    + e.getMessage(), e);
        }
    }

    /** The highest sequence number in the log (0 when empty). */
    public long head() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM log_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot read the command log head: " + e.getMessage(), e);
        }
    }

    /** Entries after {@code afterSeq}, in sequence order, at most {@code limit}. */
    public List<LogEntry> readAfter(long afterSeq, int limit) {
        return query("SELECT " + COLUMNS + " FROM command_log WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit);
    }

    /** A page of entries, optionally of one status, after {@code afterSeq}. */
    public List<LogEntry> page(CommandStatus status, long afterSeq, int limit) {
        if (status == null) {
            return readAfter(afterSeq, limit);
        }
        return query("SELECT " + COLUMNS + " FROM command_log WHERE status = ? AND seq > ? ORDER BY seq LIMIT ?",
                status.name(), afterSeq, limit);
    }

    /** Every entry that carried this command id: at most one accepted, any number rejected. */
    public List<LogEntry> byCommandId(String commandId) {
        return query("SELECT " + COLUMNS + " FROM command_log WHERE command_id = ? ORDER BY seq", commandId);
    }

    public Optional<LogEntry> bySeq(long seq) {
        return query("SELECT " + COLUMNS + " FROM command_log WHERE seq = ?", seq).stream().findFirst();
    }

    public long count(CommandStatus status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM command_log WHERE status = ?")) {
            ps.setString(1, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot count the command log: " + e.getMessage(), e);
        }
    }

    private long lockHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM log_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("log_head has no row: the business store was not migrated");
            }
            return rs.getLong(1);
        }
    }

    private Optional<LogEntry> findDuplicate(Connection c, NewEntry entry) throws SQLException {
        if (entry.status() == CommandStatus.ACCEPTED) {
            return first(c, "SELECT " + COLUMNS + " FROM command_log WHERE accepted_id = ?", entry.commandId());
        }
        // A rejected message redelivered after a crash is recognised by the broker's message id.
        if (entry.messageId() != null) {
            return first(c, "SELECT " + COLUMNS + " FROM command_log WHERE message_id = ? AND status = 'REJECTED'",
                    entry.messageId());
        }
        return Optional.empty();
    }

    private LogEntry insert(Connection c, long seq, NewEntry e) throws SQLException {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String sql = "INSERT INTO command_log (seq, command_id, accepted_id, message_id, type, entity_key, source, "
                + "issued_at, received_at, status, reason, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, seq);
            ps.setString(2, e.commandId());
            ps.setString(3, e.status() == CommandStatus.ACCEPTED ? e.commandId() : null);
            ps.setString(4, e.messageId());
            ps.setString(5, e.type());
            ps.setString(6, e.key());
            ps.setString(7, e.source());
            setInstant(ps, 8, e.issuedAt());
            setInstant(ps, 9, receivedAt);
            ps.setString(10, e.status().name());
            ps.setString(11, e.reason());
            ps.setString(12, e.body());
            ps.executeUpdate();
        }
        return new LogEntry(seq, e.commandId(), e.type(), e.key(), e.source(), e.issuedAt(), receivedAt, e.status(),
                e.reason(), e.body());
    }

    private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    private List<LogEntry> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, sql, params);
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot read the command log: " + e.getMessage(), e);
        }
    }

    private Optional<LogEntry> first(Connection c, String sql, Object... params) throws SQLException {
        return list(c, sql, params).stream().findFirst();
    }

    private List<LogEntry> list(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<LogEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(new LogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), instant(rs, 6), instant(rs, 7), CommandStatus.valueOf(rs.getString(8)),
                            rs.getString(9), rs.getString(10)));
                }
                return entries;
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
