package io.bizmaster.apply;

import io.bizmaster.log.LogEntry;
import io.bizmaster.store.Store;
import java.util.List;

/**
 * Told after a store committed a batch: {@code entries} are the log entries its checkpoint now covers (rejected
 * ones included, as no-ops, and parked ones: {@link Store#parked(String)} tells), in sequence order. Runs on the store's apply thread after the commit, so it must
 * be quick and must not throw: the batch is applied whatever a listener does. Spring beans implementing
 * it are registered automatically.
 */
public interface ApplyListener {

    void applied(Store store, List<LogEntry> entries);
}
