package io.bizmaster.admin;

import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The stores and the intake in the metrics ({@code /actuator/metrics}): per store its checkpoint and the keys with a
 * command parked (tagged {@code store}); the messages the intake logged and the batches that failed. Read from the
 * in-memory state each store keeps, so a scrape costs no query.
 */
public class StoreMetrics implements MeterBinder {

    private final StoreRegistry stores;
    private final PipelineControl pipeline;

    public StoreMetrics(StoreRegistry stores, PipelineControl pipeline) {
        this.stores = stores;
        this.pipeline = pipeline;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Store store : stores.all()) {
            Gauge.builder("bizmaster.store.parked.keys", store, Store::parkedKeyCount)
                    .description("keys with a command parked in the store (it could not apply it; retry or skip)")
                    .tag("store", store.name()).register(registry);
            Gauge.builder("bizmaster.store.checkpoint", store, Store::knownCheckpoint)
                    .description("the last seq the store applied").tag("store", store.name()).register(registry);
        }
        FunctionCounter.builder("bizmaster.intake.logged", pipeline, p -> p.intakeHealth().values().stream()
                        .mapToLong(h -> h.committedMessages()).sum())
                .description("messages of biz.commands logged (accepted or rejected)").register(registry);
        FunctionCounter.builder("bizmaster.intake.failed.batches", pipeline, p -> p.intakeHealth().values().stream()
                        .mapToLong(h -> h.failedBatches()).sum())
                .description("intake batches rolled back (taken again after a back-off)").register(registry);
    }
}
