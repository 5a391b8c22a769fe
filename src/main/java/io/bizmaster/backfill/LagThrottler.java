package io.bizmaster.backfill;

import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;

/**
 * A backfill competes with live traffic for the same cores and databases; the primary is what applications
 * read, so the backfill waits while the primary lags (head minus its checkpoint) beyond the limit.
 */
public class LagThrottler {

    private final StoreRegistry stores;
    private final CommandLog log;

    public LagThrottler(StoreRegistry stores, CommandLog log) {
        this.stores = stores;
        this.log = log;
    }

    /** How far the primary is behind the log head; 0 if there is no primary. */
    public long primaryLag() {
        long head = log.head();
        return stores.all().stream().filter(s -> s.role() == StoreRole.PRIMARY && !s.paused())
                .mapToLong(Store::knownCheckpoint).map(cp -> Math.max(0, head - Math.max(cp, 0))).max().orElse(0);
    }

    public boolean throttled(long limit) {
        return primaryLag() > limit;
    }
}
