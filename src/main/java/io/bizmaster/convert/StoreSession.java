package io.bizmaster.convert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * One open transaction on a store, handed to converters. Statements are prepared once per transaction
 * and reused for every command of the batch being applied.
 *
 * <p>In batching mode, statements are sent as JDBC batches, one per SQL text, instead of one round trip
 * each. Order is kept where it matters: a statement that touches a row (or, for an insert, a table) that a
 * pending batch of another SQL text touches first sends every pending batch. Pending batches therefore
 * never share a row, so the order in which they are sent cannot change the result. A failure in a batch
 * cannot be pinned on one command; the applier then re-runs the commands without batching.
 */
public final class StoreSession implements AutoCloseable {

    private record Row(String table, List<Object> key) {
    }

    private final String store;
    private final Connection connection;
    private final Dialect dialect;
    private final boolean batching;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, List<IntConsumer>> pending = new LinkedHashMap<>();
    private final Map<Row, String> pendingRows = new HashMap<>();
    private final Map<String, Set<String>> pendingByTable = new HashMap<>();
    private final Map<String, Set<String>> pendingTableWide = new HashMap<>();

    public StoreSession(String store, Connection connection, Dialect dialect) {
        this(store, connection, dialect, false);
    }

    public StoreSession(String store, Connection connection, Dialect dialect, boolean batching) {
        this.store = store;
        this.connection = connection;
        this.dialect = dialect;
        this.batching = batching;
    }

    public String store() {
        return store;
    }

    /** The transaction's connection. Statements run on it directly come after every pending batch. */
    public Connection connection() throws SQLException {
        flush();
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

    /** Binds a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Executes {@code sql} now, or adds it to its batch.
     *
     * @param key     the values identifying the row it touches, or null when that is not known (an insert)
     * @param binder  binds the parameters; called after any batch that must go first has been sent, since
     *                sending a batch may reset a statement's parameters
     * @param onCount told the update count when it is known (immediately, or when the batch is sent; some
     *                drivers report no count for batched statements, and then it is not told)
     */
    public void execute(String sql, String table, List<Object> key, Binder binder, IntConsumer onCount)
            throws SQLException {
        PreparedStatement ps = prepare(sql);
        if (!batching) {
            binder.bind(ps);
            onCount.accept(ps.executeUpdate());
            return;
        }
        if (conflicts(sql, table, key)) {
            flush();
        }
        binder.bind(ps);
        ps.addBatch();
        pending.computeIfAbsent(sql, s -> new ArrayList<>()).add(onCount);
        pendingByTable.computeIfAbsent(table, t -> new HashSet<>()).add(sql);
        if (key == null) {
            pendingTableWide.computeIfAbsent(table, t -> new HashSet<>()).add(sql);
        } else {
            pendingRows.put(new Row(table, key), sql);
        }
    }

    private boolean conflicts(String sql, String table, List<Object> key) {
        if (key == null) {
            return pendingByTable.getOrDefault(table, Set.of()).stream().anyMatch(other -> !other.equals(sql));
        }
        String holder = pendingRows.get(new Row(table, key));
        return (holder != null && !holder.equals(sql))
                || pendingTableWide.getOrDefault(table, Set.of()).stream().anyMatch(other -> !other.equals(sql));
    }

    /** Sends every pending batch. Must be called before the transaction commits. */
    public void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<String, List<IntConsumer>> batch : pending.entrySet()) {
            int[] counts = statements.get(batch.getKey()).executeBatch();
            List<IntConsumer> listeners = batch.getValue();
            for (int i = 0; i < counts.length && i < listeners.size(); i++) {
                if (counts[i] >= 0) {
                    listeners.get(i).accept(counts[i]);
                }
            }
        }
        pending.clear();
        pendingRows.clear();
        pendingByTable.clear();
        pendingTableWide.clear();
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
        pending.clear();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "StoreSession[" + store + ", " + dialect + (batching ? ", batching" : "") + "]";
    }
}
