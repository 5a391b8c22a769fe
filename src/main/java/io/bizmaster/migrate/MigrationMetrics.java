package io.bizmaster.migrate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Migrations in the metrics ({@code /actuator/metrics}): phase (its ordinal in {@link MigrationPhase}), backfill
 * progress in percent, target lag and the last freeze window, tagged with the migration id. Registered for
 * each migration the first time the runner sees it; each read asks the workflow for the persisted state.
 */
public class MigrationMetrics {

    private final MeterRegistry registry;
    private final MigrationWorkflow workflow;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public MigrationMetrics(MeterRegistry registry, MigrationWorkflow workflow) {
        this.registry = registry;
        this.workflow = workflow;
    }

    void register() {
        for (MigrationStatus s : workflow.all()) {
            if (registered.add(s.id())) {
                gauge("bizmaster.migration.phase", s.id(), m -> MigrationPhase.valueOf(m.phase()).ordinal(),
                        "phase, as its ordinal in CREATED..CANCELLED");
                gauge("bizmaster.migration.progress", s.id(), MigrationStatus::progressPercent, "backfill progress in %");
                gauge("bizmaster.migration.target.lag", s.id(), MigrationStatus::targetLag, "log head minus the target's checkpoint");
                gauge("bizmaster.migration.freeze.window", s.id(),
                        m -> m.freezeWindowMs() == null ? Double.NaN : m.freezeWindowMs() / 1000.0,
                        "the last cut-over's freeze window, in seconds");
            }
        }
    }

    private void gauge(String name, String id, ToDoubleFunction<MigrationStatus> value, String description) {
        Gauge.builder(name, workflow, w -> {
            try {
                return value.applyAsDouble(w.status(id));
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).tag("migration", id).description(description).register(registry);
    }
}
