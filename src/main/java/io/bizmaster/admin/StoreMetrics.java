package io.bizmaster.admin;

import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogUnavailableException;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The command log and the stores in the metrics: the log head, and per store (tagged {@code store}) its checkpoint,
 * its lag behind the head and the keys with a command parked; the intake batches that failed. A store's figures come
 * from the in-memory state it keeps; the head is one read of {@code log_head}, so the lag a scrape shows is against
 * the head as committed, not as one process last saw it. A figure that cannot be known now (the business store
 * down, a store not reached since start-up) is NaN, never a stale number.
 */
public class StoreMetrics implements MeterBinder {

    private final StoreRegistry stores;
    private final PipelineControl pipeline;
    private final CommandLog log;

    public StoreMetrics(StoreRegistry stores, PipelineControl pipeline, CommandLog log) {
        this.stores = stores;
        this.pipeline = pipeline;
        this.log = log;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("bizmaster.log.head", this, StoreMetrics::head)
                .description("the command log's highest seq").register(registry);
        for (Store store : stores.all()) {
            Gauge.builder("bizmaster.store.checkpoint", store, StoreMetrics::checkpoint)
                    .description("the last seq the store applied (its checkpoint)").tag("store", store.name()).register(registry);
            Gauge.builder("bizmaster.store.lag", store, this::lag)
                    .description("log head minus the store's checkpoint: logged commands it has still to apply (0 when detached)")
                    .tag("store", store.name()).register(registry);
            Gauge.builder("bizmaster.store.parked.keys", store, Store::parkedKeyCount)
                    .description("keys with a command parked in the store (it could not apply it; retry or skip)")
                    .tag("store", store.name()).register(registry);
        }
        FunctionCounter.builder("bizmaster.intake.failed.batches", pipeline, p -> p.intakeHealth().values().stream()
                        .mapToLong(h -> h.failedBatches()).sum())
                .description("intake batches rolled back (taken again after a back-off)").register(registry);
    }

    private double head() {
        try {
            return log.head();
        } catch (LogUnavailableException e) {
            return Double.NaN;
        }
    }

    private static double checkpoint(Store store) {
        long checkpoint = store.knownCheckpoint();
        return checkpoint < 0 ? Double.NaN : checkpoint;
    }

    private double lag(Store store) {
        if (!store.fed()) {
            return 0;
        }
        return Math.max(0, head() - checkpoint(store));
    }
}
