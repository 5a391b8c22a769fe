package io.bizmaster.apply;

import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.jdbc.Checkpoints;
import io.bizmaster.store.jdbc.ParkedCommands;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a store back to a known seq before it is replayed from the command log: empties the tables its converter
 * writes and sets its checkpoint to 0, or (a restored savepoint) only sets its checkpoint. Each in one
 * transaction of the store, with its checkpoint row locked, so a crash leaves the store as it was or reset,
 * never half-emptied. The caller holds the store still (paused or detached).
 */
public class StoreReset {

    private static final Logger LOG = LoggerFactory.getLogger(StoreReset.class);

    private final StoreRegistry stores;
    private final ConverterRegistry converters;

    public StoreReset(StoreRegistry stores, ConverterRegistry converters) {
        this.stores = stores;
        this.converters = converters;
    }

    /**
     * The tables the store's converter writes, in the order they can be emptied (a table that references
     * another first).
     *
     * @throws IllegalStateException if the converter does not declare its tables
     */
    public List<String> tables(Store store) throws SQLException {
        Set<String> tables = converters.get(store.converter()).tables();
        if (tables.isEmpty()) {
            throw new IllegalStateException("store '" + store.name() + "': converter " + store.converter()
                    + " does not declare the tables it writes, so the store cannot be emptied for a rebuild; empty it "
                    + "yourself and replay it from its checkpoint");
        }
        stores.prepare(store);
        if (!store.relational()) {
            return List.copyOf(new java.util.TreeSet<>(tables));
        }
        try (Connection c = store.connection()) {
            return deletionOrder(c, tables);
        }
    }

    /** Deletes every row of the converter's tables and sets the checkpoint to 0, in one transaction. */
    public void empty(Store store) throws SQLException {
        List<String> tables = tables(store);
        if (!store.relational()) {
            long was = store.records().checkpoint();
            long removed = store.records().empty(new java.util.LinkedHashSet<>(tables));
            store.parkedKeys(java.util.Set.of());
            LOG.info("Store '{}' emptied for a rebuild from the log: {} keys of {} removed; checkpoint {} -> 0",
                    store.name(), removed, tables, was);
            store.forgetCheckpoint();
            store.checkpointSeen(0);
            return;
        }
        long deleted = 0;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                long was = Checkpoints.lock(c, store.name());
                for (String table : tables) {
                    deleted += s.executeUpdate("DELETE FROM " + table);
                }
                // What it had parked belongs to the history being replaced: the rebuild parks again what fails again.
                ParkedCommands.forgetAfter(c, store.name(), 0);
                Checkpoints.advance(c, store.name(), 0);
                c.commit();
                store.parkedKeys(java.util.Set.of());
                LOG.info("Store '{}' emptied for a rebuild from the log: {} rows deleted from {}; checkpoint {} -> 0",
                        store.name(), deleted, tables, was);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw new SQLException("cannot empty store '" + store.name() + "' (tables " + tables + "): " + e.getMessage(), e);
            }
        }
        store.forgetCheckpoint();
        store.checkpointSeen(0);
    }

    /** Sets the checkpoint to {@code seq}: the operator says the store's data is as of that seq. */
    public void resetCheckpoint(Store store, long seq) throws SQLException {
        stores.prepare(store);
        if (!store.relational()) {
            long was = store.records().checkpoint();
            store.records().resetCheckpoint(seq);
            store.parkedKeys(store.records().parkedKeys());
            LOG.info("Store '{}': checkpoint set from {} to {} (its data is as of seq {})", store.name(), was, seq, seq);
            store.forgetCheckpoint();
            store.checkpointSeen(seq);
            return;
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                long was = Checkpoints.lock(c, store.name());
                ParkedCommands.forgetAfter(c, store.name(), seq);
                Checkpoints.advance(c, store.name(), seq);
                c.commit();
                store.parkedKeys(ParkedCommands.parkedKeys(c, store.name()));
                LOG.info("Store '{}': checkpoint set from {} to {} (its data is as of seq {})", store.name(), was, seq, seq);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        store.forgetCheckpoint();
        store.checkpointSeen(seq);
    }

    /** The store's committed checkpoint, read from the store itself. */
    public long checkpoint(Store store) throws SQLException {
        stores.prepare(store);
        if (!store.relational()) {
            return store.records().checkpoint();
        }
        try (Connection c = store.connection()) {
            return Checkpoints.read(c, store.name());
        }
    }

    /**
     * Reads the checkpoint from the store and makes it the one known: a restored backup may have brought it down,
     * and the known checkpoint only grows. Only while the store is held still (paused or detached).
     */
    public long resync(Store store) throws SQLException {
        long seq = checkpoint(store);
        store.forgetCheckpoint();
        store.checkpointSeen(seq);
        return seq;
    }

    /** Children before parents, by the foreign keys the database reports; otherwise as declared. */
    static List<String> deletionOrder(Connection c, Set<String> tables) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Map<String, String> byLower = new LinkedHashMap<>();
        tables.forEach(t -> byLower.put(t.toLowerCase(Locale.ROOT), t));
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : tables) {
            Set<String> referenced = new LinkedHashSet<>();
            try (ResultSet rs = md.getImportedKeys(c.getCatalog(), c.getSchema(), stored(md, table))) {
                while (rs.next()) {
                    String parent = byLower.get(rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                    if (parent != null && !parent.equals(table)) {
                        referenced.add(parent);
                    }
                }
            }
            parents.put(table, referenced);
        }
        // A table goes once no table still to delete references it.
        List<String> order = new ArrayList<>();
        Set<String> left = new LinkedHashSet<>(tables);
        while (!left.isEmpty()) {
            String next = left.stream()
                    .filter(t -> left.stream().noneMatch(other -> !other.equals(t) && parents.get(other).contains(t)))
                    .findFirst().orElse(left.iterator().next());
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    private static String stored(DatabaseMetaData md, String name) throws SQLException {
        if (md.storesUpperCaseIdentifiers()) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (md.storesLowerCaseIdentifiers()) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }
}
