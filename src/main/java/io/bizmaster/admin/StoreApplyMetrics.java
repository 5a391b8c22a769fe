package io.bizmaster.admin;

import io.bizmaster.apply.ApplyListener;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per store, how long a command waits between its append to the log and the store's commit of it
 * ({@code bizmaster.store.apply.latency}, a histogram), as the benchmark's LatencyProbe measures it: the log's
 * {@code received_at} against the time the store's apply thread is told of the commit. A parked command is not
 * timed: it was not applied.
 *
 * <p>Only what the store's live route applies is timed: a replay rebuilding a store, or a migration's backfill of a
 * store not fed yet, applies commands logged long ago, and would fill the histogram with the age of the log.
 */
public class StoreApplyMetrics implements ApplyListener {

    private final Clock clock;
    private final Map<String, Timer> latency = new HashMap<>();

    public StoreApplyMetrics(StoreRegistry stores, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        // Stores are fixed at start-up; every series exists from the start, at 0.
        for (Store store : stores.all()) {
            latency.put(store.name(), Timer.builder("bizmaster.store.apply.latency")
                    .description("time from a command's append to the command log to the store's commit of it (live route)")
                    .tag("store", store.name()).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry));
        }
    }

    @Override
    public void applied(Store store, List<LogEntry> entries) {
        Timer timer = latency.get(store.name());
        if (timer == null || !store.fed() || store.busyWith() != null) {
            return;
        }
        Instant now = clock.instant();
        for (LogEntry entry : entries) {
            // A rejected command is no work for a store; a parked one was not applied.
            if (entry.accepted() && entry.receivedAt() != null && !store.parked(entry.key())) {
                Duration waited = Duration.between(entry.receivedAt(), now);
                // Another instance's clock may run ahead of ours: never a negative time.
                timer.record(waited.isNegative() ? Duration.ZERO : waited);
            }
        }
    }
}
