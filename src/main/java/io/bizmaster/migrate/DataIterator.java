package io.bizmaster.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a row mapping's rows from the source snapshot in key order, a chunk at a time (ghostferry's
 * DataIterator): each chunk starts after the last key of the one before, so no OFFSET scan grows with the table.
 */
final class DataIterator {

    private final Connection snapshot;
    private final RowMapping mapping;
    private final int chunk;
    private List<String> columns;
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
        String sql = "SELECT * FROM (" + mapping.query() + ") q" + (lastKey == null ? "" : " WHERE q." + mapping.key() + " > ?")
                + " ORDER BY q." + mapping.key() + " LIMIT " + chunk;
        try (PreparedStatement ps = snapshot.prepareStatement(sql)) {
            if (lastKey != null) {
                ps.setObject(1, lastKey);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                if (columns == null) {
                    columns = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
                    }
                    if (!columns.contains(mapping.key().toLowerCase(java.util.Locale.ROOT))) {
                        throw new SQLException("the query of table " + mapping.table() + " has no column '" + mapping.key()
                                + "' (its key); it gives " + columns);
                    }
                }
                int keyIndex = columns.indexOf(mapping.key().toLowerCase(java.util.Locale.ROOT));
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                    lastKey = row[keyIndex];
                }
                done = rows.size() < chunk;
                return rows;
            }
        } catch (SQLException e) {
            throw new SQLException("reading " + mapping.table() + " from the source snapshot: " + e.getMessage(), e);
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
