package io.bizmaster.apply;

import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.jdbc.ParkedCommands;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of parked commands: list a store's, retry them (all, or one key) in order, skip one saying
 * why. What parks a command is the {@link StoreApplier}; a parked command lives in the store's own table.
 */
public class Parking {

    private static final Logger LOG = LoggerFactory.getLogger(Parking.class);

    private final StoreRegistry stores;
    private final StoreApplier applier;

    public Parking(StoreRegistry stores, StoreApplier applier) {
        this.stores = stores;
        this.applier = applier;
    }

    /** The store's parked (and skipped) commands in seq order after {@code afterSeq}; {@code key} null for all keys. */
    public List<ParkedCommands.Parked> list(String storeName, String key, long afterSeq, int limit) throws SQLException {
        Store store = prepared(storeName);
        if (!store.relational()) {
            return store.records().parkedCommands().stream()
                    .filter(p -> p.seq() > afterSeq && (key == null || key.equals(p.key()))).limit(limit).toList();
        }
        try (Connection c = store.connection()) {
            return ParkedCommands.list(c, store.name(), key, false, afterSeq, limit);
        }
    }

    public Optional<ParkedCommands.Parked> at(String storeName, long seq) throws SQLException {
        Store store = prepared(storeName);
        if (!store.relational()) {
            return store.records().parkedCommands().stream().filter(p -> p.seq() == seq).findFirst();
        }
        try (Connection c = store.connection()) {
            return ParkedCommands.at(c, store.name(), seq);
        }
    }

    public long count(String storeName) throws SQLException {
        Store store = prepared(storeName);
        if (!store.relational()) {
            return store.records().parkedCommands().stream().filter(ParkedCommands.Parked::parked).count();
        }
        try (Connection c = store.connection()) {
            return ParkedCommands.count(c, store.name());
        }
    }

    public StoreApplier.Retried retry(String storeName, String key) throws SQLException {
        return applier.retryParked(storeName, key);
    }

    /**
     * Lets one parked command go, recording why; the later commands of its key stay parked until retried.
     *
     * @throws IllegalArgumentException for a blank reason
     * @throws IllegalStateException    when the store has no command parked at that seq
     */
    public ParkedCommands.Parked skip(String storeName, long seq, String reason) throws SQLException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("skipping seq " + seq + " of store '" + storeName + "' needs a reason: "
                    + "what was done instead, for whoever reads the store's history");
        }
        Store store = prepared(storeName);
        if (!store.relational()) {
            ParkedCommands.Parked skipped = applier.skipRecord(store, seq, reason.strip());
            LOG.info("Store '{}': parked seq {} skipped ({}); later commands of its key stay parked until retried",
                    storeName, seq, reason.strip());
            return skipped;
        }
        try (Connection c = store.connection()) {
            if (!ParkedCommands.skip(c, store.name(), seq, reason.strip())) {
                throw new IllegalStateException("store '" + storeName + "' has no command parked at seq " + seq
                        + "; list them with store parked " + storeName);
            }
            store.parkedKeys(ParkedCommands.parkedKeys(c, store.name()));
            LOG.info("Store '{}': parked seq {} skipped ({}); later commands of its key stay parked until retried",
                    storeName, seq, reason.strip());
            return ParkedCommands.at(c, store.name(), seq).orElseThrow();
        }
    }

    private Store prepared(String name) throws SQLException {
        Store store = stores.get(name);
        stores.prepare(store);
        return store;
    }
}
