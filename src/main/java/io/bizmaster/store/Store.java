package io.bizmaster.store;

import io.bizmaster.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** A registered store at run time. Role and converter can change while running (pause, switch, resume). */
public final class Store {

    private final String name;
    private final String connector;
    private final Map<String, String> options;
    private final StoreTarget target;
    private final AtomicLong knownCheckpoint = new AtomicLong(-1);
    private final ConnectorCapabilities capabilities;
    private final Set<String> parkedKeys = ConcurrentHashMap.newKeySet();
    private volatile StoreRole role;
    private volatile ConverterRef converter;
    private volatile boolean paused;
    private volatile boolean prepared;
    private volatile Dialect dialect;
    private volatile String busyWith;

    public Store(String name, StoreRole role, ConverterRef converter, String connector, ConnectorCapabilities capabilities,
                 Map<String, String> options, StoreTarget target) {
        this.name = name;
        this.role = role;
        this.converter = converter;
        this.connector = connector;
        this.capabilities = capabilities;
        this.options = Map.copyOf(options);
        this.target = target;
    }

    public String name() {
        return name;
    }

    /** What the store's connector can do: how it checkpoints, whether it can be verified, emptied for a replay. */
    public ConnectorCapabilities capabilities() {
        return capabilities;
    }

    public StoreRole role() {
        return role;
    }

    public void role(StoreRole role) {
        this.role = role;
    }

    public ConverterRef converter() {
        return converter;
    }

    public void converter(ConverterRef converter) {
        this.converter = converter;
    }

    public String connector() {
        return connector;
    }

    /** The connector options with secrets left out, for status and logs. */
    public Map<String, String> options() {
        return options;
    }

    public StoreTarget target() {
        return target;
    }

    /** Whether converters write SQL to this store (a relational database) rather than records by key. */
    public boolean relational() {
        return target instanceof RelationalTarget;
    }

    /**
     * The store's connection pool.
     *
     * @throws NotRelationalException for a record store: whatever asked needs SQL, and says what in the message
     */
    public DataSource dataSource() {
        if (target instanceof RelationalTarget relational) {
            return relational.dataSource();
        }
        throw new NotRelationalException(this);
    }

    /** The record store. @throws IllegalStateException for a relational store */
    public RecordTarget records() {
        if (target instanceof RecordTarget records) {
            return records;
        }
        throw new IllegalStateException("store '" + name + "' is a relational store, not a record store");
    }

    public boolean fed() {
        return role != StoreRole.DETACHED;
    }

    public boolean paused() {
        return paused;
    }

    public void paused(boolean paused) {
        this.paused = paused;
    }

    /**
     * What holds the store (a replay rebuilding it), or null. While held, an operator cannot pause, resume or
     * switch its converter: the operation decides its pause state and needs one converter from start to end.
     */
    public String busyWith() {
        return busyWith;
    }

    public void busyWith(String operation) {
        this.busyWith = operation;
    }

    public boolean prepared() {
        return prepared;
    }

    void prepared(Dialect dialect) {
        // null for a record store: it has no SQL dialect
        this.dialect = dialect;
        this.prepared = true;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * The checkpoint last seen committed, or -1 if not known yet. Checkpoints only grow, so this is a safe
     * lower bound that lets a store skip a redelivered command without opening a transaction.
     */
    public long knownCheckpoint() {
        return knownCheckpoint.get();
    }

    public void checkpointSeen(long seq) {
        knownCheckpoint.accumulateAndGet(seq, Math::max);
    }

    /**
     * Whether the store has a command of this key parked: a later command of the key parks behind it. Kept in memory
     * from the store's own table (read when the store is prepared, changed after each commit), so the happy path
     * asks no database.
     */
    public boolean parked(String key) {
        return !parkedKeys.isEmpty() && parkedKeys.contains(key);
    }

    /** How many keys have a command parked. */
    public int parkedKeyCount() {
        return parkedKeys.size();
    }

    /** Keys whose commands were just parked, after the commit that parked them. */
    public void addParkedKeys(java.util.Collection<String> keys) {
        parkedKeys.addAll(keys);
    }

    /** The parked keys as the store's table says, after a commit that changed them. */
    public void parkedKeys(Set<String> keys) {
        parkedKeys.clear();
        parkedKeys.addAll(keys);
    }

    /** After a rebuild the checkpoint may go down; forget what was seen. */
    public void forgetCheckpoint() {
        knownCheckpoint.set(-1);
    }

    @Override
    public String toString() {
        return name + " (" + role.name().toLowerCase() + ", " + converter + ")";
    }
}
