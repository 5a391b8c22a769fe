package io.bizmaster.admin;

import io.bizmaster.broker.batch.BatchHealth;
import io.bizmaster.pipeline.PipelineControl;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/intake}: down while a batch of {@code biz.commands} keeps failing (the business store down,
 * an error inside the intake), so an operator sees a stopped intake without reading logs. Frozen by a cut-over is up:
 * the commands wait in the queue by design.
 */
@Component("intake")
public class IntakeHealth implements HealthIndicator {

    private final PipelineControl pipeline;

    public IntakeHealth(PipelineControl pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Health health() {
        Map<String, BatchHealth.Status> routes = pipeline.intakeHealth();
        boolean failing = routes.values().stream().anyMatch(BatchHealth.Status::failing);
        Health.Builder health = failing ? Health.down() : Health.up();
        if (pipeline.freezeReason() != null) {
            health.withDetail("frozen", pipeline.freezeReason());
        }
        routes.forEach((route, status) -> {
            health.withDetail(route + ".logged", status.committedMessages());
            if (status.failing()) {
                health.withDetail(route + ".failingSince", status.failingSince().toString())
                        .withDetail(route + ".lastFailure", status.lastFailure());
            }
        });
        return health.build();
    }
}
