package io.bizmaster.admin;

import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.ConnectorCapabilities;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.jdbc.Checkpoints;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Reads each store's checkpoint from the store itself, the only place it is true. */
public class StoreStatusService {

    private final StoreRegistry stores;
    private final CommandLog log;
    private final ApplyFailures failures;

    public StoreStatusService(StoreRegistry stores, CommandLog log, ApplyFailures failures) {
        this.stores = stores;
        this.log = log;
        this.failures = failures;
    }

    public List<StoreStatus> all() {
        long head = log.head();
        return stores.all().stream().map(store -> status(store, head)).toList();
    }

    public StoreStatus one(String name) {
        return status(stores.get(name), log.head());
    }

    private static long checkpoint(Store store) throws SQLException {
        if (!store.relational()) {
            return store.records().checkpoint();
        }
        try (Connection c = store.connection()) {
            return Checkpoints.read(c, store.name());
        }
    }

    private StoreStatus status(Store store, long head) {
        long checkpoint = Math.max(store.knownCheckpoint(), 0);
        boolean reachable = true;
        try {
            checkpoint = checkpoint(store);
        } catch (SQLException | RuntimeException e) {
            reachable = false;
        }
        StoreStatus.Failing failing = failures.current(store.name())
                .map(f -> new StoreStatus.Failing(f.seq(), f.commandId(), f.reason(), f.attempts()))
                .orElse(null);
        return new StoreStatus(store.name(), store.role().name().toLowerCase(Locale.ROOT), store.converter().toString(),
                store.connector(), store.options(), store.paused(), reachable, checkpoint, head,
                store.fed() ? Math.max(head - checkpoint, 0) : 0, failing, store.parkedKeyCount(),
                store.capabilities().checkpointing() == ConnectorCapabilities.Checkpointing.AFTER_CONFIRMATION
                        ? "at-least-once" : "exactly-once",
                store.capabilities().verifiable());
    }
}
