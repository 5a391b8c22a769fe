package io.bizmaster.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The checkpoint inside each store: the last sequence number applied, written in the same local
 * transaction as the changes it covers. Nothing else decides whether a command was applied.
 */
public final class Checkpoints {

    public static final String TABLE = "bizmaster_checkpoint";

    private Checkpoints() {
    }

    public static void createTable(Connection c, String store) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (store VARCHAR(100) NOT NULL PRIMARY KEY, seq BIGINT NOT NULL, updated_at TIMESTAMP NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + TABLE + " WHERE store = ?")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (store, seq, updated_at) VALUES (?, 0, ?)")) {
            ps.setString(1, store);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    /** Reads and locks the checkpoint row for the rest of the transaction. */
    public static long lock(Connection c, String store) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + TABLE + " WHERE store = ? FOR UPDATE")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("store '" + store + "' has no checkpoint row in " + TABLE);
                }
                return rs.getLong(1);
            }
        }
    }

    public static long read(Connection c, String store) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + TABLE + " WHERE store = ?")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public static void advance(Connection c, String store, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET seq = ?, updated_at = ? WHERE store = ?")) {
            ps.setLong(1, seq);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, store);
            ps.executeUpdate();
        }
    }
}
