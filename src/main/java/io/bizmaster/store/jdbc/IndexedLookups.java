package io.bizmaster.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads of a few rows by key (an array of keys, a range of sequence numbers) that must use the key's index.
 *
 * <p>PostgreSQL plans a prepared statement for a connection and keeps the plan. Planned while a table was
 * small, or never analysed (autovacuum off), that plan scans the whole table and compares every row with
 * every key of the array; once the table has grown, one lookup of 500 keys took 300 ms to 2 s in the
 * benchmark, where the index answers in a few milliseconds. Turning sequential scans off for the lookup
 * makes every plan of it, cached or not, an index scan, whatever the statistics say. Other engines plan
 * these lookups well and are left alone.
 */
public final class IndexedLookups {

    /** A read that may throw SQLException. */
    @FunctionalInterface
    public interface Read<T> {
        T read() throws SQLException;
    }

    private IndexedLookups() {
    }

    /**
     * Runs {@code read} on {@code c} with PostgreSQL's sequential scans off. Inside a transaction the setting
     * is local to it (it ends with the transaction); in autocommit mode it is reset afterwards, so a pooled
     * connection goes back as it came.
     */
    public static <T> T read(Connection c, Read<T> read) throws SQLException {
        if (Dialect.of(c) != Dialect.POSTGRESQL) {
            return read.read();
        }
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute(autoCommit ? "SET enable_seqscan = off" : "SET LOCAL enable_seqscan = off");
        }
        try {
            return read.read();
        } finally {
            if (autoCommit) {
                try (Statement s = c.createStatement()) {
                    s.execute("RESET enable_seqscan");
                }
            }
        }
    }
}
