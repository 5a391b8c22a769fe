package io.bizmaster.migrate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Migrations in the metrics, tagged with the migration id: its phase ({@code bizmaster.migration.phase}, one series
 * per phase, 1 for the phase it is in and 0 for the others, the Prometheus way of showing a state), backfill progress,
 * the target's lag, the last freeze window as persisted, and a Timer of every freeze this process ran
 * ({@code bizmaster.migration.freeze.window}, by action and outcome). A migration's gauges are registered the first
 * time the runner sees it.
 *
 * <p>The gauges read the persisted state, so they tell the truth after a restart; one read of every migration serves
 * the gauges of a scrape (it is kept for {@link #FRESH}), not one read per gauge.
 */
public class MigrationMetrics {

    static final Duration FRESH = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /** Null until the first gauge is read. */
    private volatile Statuses statuses;

    public MigrationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The migrations read at one time, by id. */
    private record Statuses(Map<String, MigrationStatus> byId, long readAtNanos) {
    }

    /** Called by the runner at each tick: gauges for the migrations it has not seen yet. */
    void register(MigrationWorkflow workflow) {
        for (MigrationStatus s : workflow.all()) {
            if (!registered.add(s.id())) {
                continue;
            }
            for (MigrationPhase phase : MigrationPhase.values()) {
                Gauge.builder("bizmaster.migration.phase", workflow,
                                w -> value(w, s.id(), m -> m.phase().equals(phase.name()) ? 1 : 0))
                        .description("1 for the phase the migration is in, 0 for the others")
                        .tag("migration", s.id()).tag("phase", phase.name()).register(registry);
            }
            gauge(workflow, "bizmaster.migration.progress", s.id(), MigrationStatus::progressPercent, null,
                    "backfill progress in % (100 once past the backfill)");
            gauge(workflow, "bizmaster.migration.target.lag", s.id(), MigrationStatus::targetLag, null,
                    "log head minus the target's checkpoint");
            gauge(workflow, "bizmaster.migration.freeze.window.last", s.id(),
                    m -> m.freezeWindowMs() == null ? Double.NaN : m.freezeWindowMs() / 1000.0, "seconds",
                    "the last cut-over's or rollback's freeze window: intake paused to intake resumed");
        }
    }

    /**
     * A freeze this process ran, once the intake is resumed.
     *
     * @param action  {@code cutover} or {@code rollback}
     * @param aborted true when it gave up (over budget, re-verification failed) and left the roles as they were
     */
    public void freezeWindow(String migration, String action, boolean aborted, long millis) {
        Timer.builder("bizmaster.migration.freeze.window")
                .description("each freeze of a cut-over or rollback: intake paused to intake resumed")
                .tag("migration", migration).tag("action", action).tag("outcome", aborted ? "aborted" : "done")
                .register(registry).record(millis, TimeUnit.MILLISECONDS);
    }

    private void gauge(MigrationWorkflow workflow, String name, String id, ToDoubleFunction<MigrationStatus> value,
                       String unit, String description) {
        Gauge.builder(name, workflow, w -> value(w, id, value)).tag("migration", id).baseUnit(unit)
                .description(description).register(registry);
    }

    private double value(MigrationWorkflow workflow, String id, ToDoubleFunction<MigrationStatus> value) {
        MigrationStatus status = statuses(workflow).get(id);
        return status == null ? Double.NaN : value.applyAsDouble(status);
    }

    private Map<String, MigrationStatus> statuses(MigrationWorkflow workflow) {
        Statuses known = statuses;
        if (known != null && System.nanoTime() - known.readAtNanos() < FRESH.toNanos()) {
            return known.byId();
        }
        try {
            Map<String, MigrationStatus> byId = workflow.all().stream()
                    .collect(Collectors.toMap(MigrationStatus::id, Function.identity()));
            statuses = new Statuses(byId, System.nanoTime());
            return byId;
        } catch (RuntimeException e) {
            return Map.of(); // the business store does not answer: NaN, not the last numbers seen
        }
    }
}
