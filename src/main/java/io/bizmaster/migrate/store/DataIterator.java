package io.bizmaster.migrate.store;

import io.bizmaster.migrate.RowMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a row mapping's rows from the source snapshot in key order, a chunk at a time (ghostferry's
 * DataIterator). One ordered query, streamed: the snapshot holds still for the whole copy, and a restart
 * starts a new copy, so nothing has to resume mid-table. Chunks that each began after the last key of the
 * one before were a query per chunk, and H2 cannot take an ORDER BY ... LIMIT on a projection query into
 * the table's index: every chunk read and sorted the rest of the table (0.11 of H2's raw upsert rate).
 */
final class DataIterator implements AutoCloseable {

    private final Connection snapshot;
    private final RowMapping mapping;
    private final int chunk;
    private PreparedStatement statement;
    private ResultSet rows;
    private List<String> columns;
    private int keyIndex;
    private Object lastKey;
    private boolean done;

    DataIterator(Connection snapshot, RowMapping mapping, int chunk) {
        this.snapshot = snapshot;
        this.mapping = mapping;
        this.chunk = chunk;
    }

    /** Rows of the next chunk, each in {@link #columns()} order; empty when the mapping is exhausted. */
    List<Object[]> next() throws SQLException {
        if (done) {
            return List.of();
        }
        try {
            if (rows == null) {
                open();
            }
            List<Object[]> chunkRows = new ArrayList<>(chunk);
            while (chunkRows.size() < chunk && rows.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                chunkRows.add(row);
                lastKey = row[keyIndex];
            }
            if (chunkRows.size() < chunk) {
                done = true;
                close();
            }
            return chunkRows;
        } catch (SQLException e) {
            close();
            throw new SQLException("reading " + mapping.table() + " from the source snapshot: " + e.getMessage(), e);
        }
    }

    private void open() throws SQLException {
        String sql = "SELECT * FROM (" + mapping.query() + ") q ORDER BY q." + mapping.key();
        statement = snapshot.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(chunk);
        rows = statement.executeQuery();
        ResultSetMetaData md = rows.getMetaData();
        columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
        }
        keyIndex = columns.indexOf(mapping.key().toLowerCase(java.util.Locale.ROOT));
        if (keyIndex < 0) {
            throw new SQLException("the query of table " + mapping.table() + " has no column '" + mapping.key()
                    + "' (its key); it gives " + columns);
        }
    }

    /** Ends the query early (a copy stopped half-way); the snapshot connection stays open. */
    @Override
    public void close() throws SQLException {
        try {
            if (rows != null) {
                rows.close();
            }
        } finally {
            rows = null;
            if (statement != null) {
                statement.close();
                statement = null;
            }
        }
    }

    List<String> columns() {
        return columns;
    }

    Object lastKey() {
        return lastKey;
    }

    long count() throws SQLException {
        try (PreparedStatement ps = snapshot.prepareStatement("SELECT COUNT(*) FROM (" + mapping.query() + ") q");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
