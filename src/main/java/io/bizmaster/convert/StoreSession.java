package io.bizmaster.convert;

import io.bizmaster.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One open transaction on a store, handed to converters. Statements are prepared once per transaction
 * and reused for every command of the batch being applied.
 *
 * <p>In batching mode, statements are sent as JDBC batches instead of one round trip each, grouped in
 * <em>generations</em>: a statement joins the earliest generation that keeps it after every pending statement
 * touching the same row (or, for a statement whose row is not named, the same table). Within a generation a
 * row is touched by one SQL text only, in command order inside that text's batch, so the generation's
 * batches commute; generations are sent in order. A key touched by a rename, then a credit, then a rename
 * costs three generations instead of three flushes of everything pending. A failure in a batch cannot be
 * pinned on one command; the applier then re-runs the commands without batching.
 */
public final class StoreSession implements AutoCloseable {

    /** Beyond this, everything pending is sent first: it bounds the statements prepared per SQL text. */
    private static final int MAX_GENERATIONS = 16;

    private record Row(String table, List<Object> key) {
    }

    private record Mark(String sql, int generation) {
    }

    private static final class Batch {
        final PreparedStatement statement;
        final List<IntConsumer> listeners = new ArrayList<>();

        Batch(PreparedStatement statement) {
            this.statement = statement;
        }
    }

    private final String store;
    private final Connection connection;
    private final Dialect dialect;
    private final boolean batching;
    /** Prepared statements per SQL text, one per generation it has been used in. */
    private final Map<String, List<PreparedStatement>> statements = new HashMap<>();
    private final List<Map<String, Batch>> generations = new ArrayList<>();
    private final Map<Row, Mark> lastOnRow = new HashMap<>();
    /** Per table and SQL text: the latest generation of any pending statement, and of those naming no row. */
    private final Map<String, Map<String, Integer>> onTable = new HashMap<>();
    private final Map<String, Map<String, Integer>> tableWide = new HashMap<>();

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
        return prepare(sql, 0);
    }

    private PreparedStatement prepare(String sql, int generation) throws SQLException {
        List<PreparedStatement> perGeneration = statements.computeIfAbsent(sql, s -> new ArrayList<>(1));
        while (perGeneration.size() <= generation) {
            perGeneration.add(connection.prepareStatement(sql));
        }
        return perGeneration.get(generation);
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Executes {@code sql} now, or adds it to a batch.
     *
     * @param key     the values identifying the row it touches, or null when that is not known (an insert
     *                that declares no key): it is then ordered against every statement on its table
     * @param binder  binds the parameters; called after any batch that must go first has been sent, since
     *                sending a batch may reset a statement's parameters
     * @param onCount told the update count when it is known (immediately, or when the batch is sent; some
     *                drivers report no count for batched statements, and then it is not told)
     */
    public void execute(String sql, String table, List<Object> key, Binder binder, IntConsumer onCount)
            throws SQLException {
        if (!batching) {
            PreparedStatement ps = prepare(sql);
            binder.bind(ps);
            onCount.accept(ps.executeUpdate());
            return;
        }
        Row row = key == null ? null : new Row(table, conflictKey(key));
        int generation = generationFor(sql, table, row);
        if (generation >= MAX_GENERATIONS) {
            flush();
            generation = 0;
        }
        while (generations.size() <= generation) {
            generations.add(new LinkedHashMap<>());
        }
        Batch batch = generations.get(generation).get(sql);
        if (batch == null) {
            batch = new Batch(prepare(sql, generation));
            generations.get(generation).put(sql, batch);
        }
        binder.bind(batch.statement);
        batch.statement.addBatch();
        batch.listeners.add(onCount);
        onTable.computeIfAbsent(table, t -> new HashMap<>()).merge(sql, generation, Math::max);
        if (row == null) {
            tableWide.computeIfAbsent(table, t -> new HashMap<>()).merge(sql, generation, Math::max);
        } else {
            lastOnRow.put(row, new Mark(sql, generation));
        }
    }

    /** The earliest generation that comes after every pending statement this one must follow. */
    private int generationFor(String sql, String table, Row row) {
        int generation = 0;
        if (row == null) {
            generation = after(onTable.get(table), sql, generation);
        } else {
            Mark last = lastOnRow.get(row);
            if (last != null) {
                generation = Math.max(generation, last.sql().equals(sql) ? last.generation() : last.generation() + 1);
            }
            generation = after(tableWide.get(table), sql, generation);
        }
        return generation;
    }

    private static int after(Map<String, Integer> pending, String sql, int generation) {
        if (pending != null) {
            for (Map.Entry<String, Integer> other : pending.entrySet()) {
                generation = Math.max(generation, other.getKey().equals(sql) ? other.getValue() : other.getValue() + 1);
            }
        }
        return generation;
    }

    /**
     * The key as the conflict check compares it. MariaDB's default collations are case-, accent- and
     * trailing-space-insensitive, so 'Ann' and 'ann ' are one row there: strings are folded coarsely. Folding
     * too much only costs a generation; folding too little would reorder two statements on one row.
     */
    private List<Object> conflictKey(List<Object> key) {
        if (dialect != Dialect.MARIADB) {
            return key;
        }
        List<Object> folded = new ArrayList<>(key.size());
        for (Object part : key) {
            folded.add(part instanceof String text ? fold(text) : part);
        }
        return folded;
    }

    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Sends every pending batch, generation by generation. Must be called before the transaction commits. */
    public void flush() throws SQLException {
        if (generations.isEmpty()) {
            return;
        }
        try {
            for (Map<String, Batch> generation : generations) {
                for (Batch batch : generation.values()) {
                    int[] counts = batch.statement.executeBatch();
                    for (int i = 0; i < counts.length && i < batch.listeners.size(); i++) {
                        if (counts[i] >= 0) {
                            batch.listeners.get(i).accept(counts[i]);
                        }
                    }
                }
            }
        } finally {
            generations.clear();
            lastOnRow.clear();
            onTable.clear();
            tableWide.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (List<PreparedStatement> perGeneration : statements.values()) {
            for (PreparedStatement ps : perGeneration) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        statements.clear();
        generations.clear();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "StoreSession[" + store + ", " + dialect + (batching ? ", batching" : "") + "]";
    }
}
