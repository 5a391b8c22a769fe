package io.bizmaster.convert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One open transaction on a store, handed to converters. Statements are prepared once per
 * transaction and reused for every command of the batch being applied.
 */
public final class StoreSession implements AutoCloseable {

    private final String store;
    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public StoreSession(String store, Connection connection, Dialect dialect) {
        this.store = store;
        this.connection = connection;
        this.dialect = dialect;
    }

    public String store() {
        return store;
    }

    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A prepared statement for this SQL, created on first use in this transaction. */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        statements.clear();
        if (first != null) {
            throw first;
        }
    }
}
