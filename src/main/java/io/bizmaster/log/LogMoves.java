package io.bizmaster.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code log_moved} row of a business store: at most one, present only in a business store the command log
 * has moved away from. Written on the caller's connection so that it commits with the migration's phase.
 */
public final class LogMoves {

    private LogMoves() {
    }

    /** The redirect in this business store, if any; none either when the table does not exist yet (before Flyway). */
    public static Optional<LogMoved> find(Connection c) throws SQLException {
        if (!tableExists(c)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT url, username, password_placeholder, seq, migration_id, moved_at FROM log_moved WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new LogMoved(new BusinessStoreLocation(rs.getString(1), rs.getString(2), rs.getString(3)),
                    rs.getLong(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
        }
    }

    public static void record(Connection c, LogMoved moved) throws SQLException {
        clear(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_moved (id, url, username, password_placeholder, seq, "
                + "migration_id, moved_at) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, moved.to().url());
            ps.setString(2, moved.to().username());
            ps.setString(3, moved.to().passwordPlaceholder());
            ps.setLong(4, moved.seq());
            ps.setString(5, moved.migrationId());
            ps.setObject(6, OffsetDateTime.ofInstant(moved.movedAt(), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    public static void clear(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM log_moved")) {
            ps.executeUpdate();
        }
    }

    private static boolean tableExists(Connection c) throws SQLException {
        for (String name : new String[] {"log_moved", "LOG_MOVED"}) {
            // In the connection's own schema: another schema of the same database may hold a business store too.
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
