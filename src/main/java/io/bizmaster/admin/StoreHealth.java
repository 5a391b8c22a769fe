package io.bizmaster.admin;

import io.bizmaster.store.StoreRegistry;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * One health check per store under {@code /actuator/health/stores/NAME}: down when unreachable, and the
 * details an operator looks at first (role, converter, checkpoint, lag, where it is stuck). Not in the readiness
 * group: a shadow or a detached store that is down holds nothing up; {@link PrimaryStoreHealth} is.
 */
@Component("stores")
public class StoreHealth implements CompositeHealthContributor {

    private final StoreRegistry stores;
    private final StoreStatusService status;

    public StoreHealth(StoreRegistry stores, StoreStatusService status) {
        this.stores = stores;
        this.status = status;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return stores.all().stream().anyMatch(s -> s.name().equals(name)) ? indicator(name) : null;
    }

    @Override
    public Stream<Entry> stream() {
        return stores.all().stream().map(s -> new Entry(s.name(), indicator(s.name())));
    }

    private HealthIndicator indicator(String name) {
        return () -> health(name);
    }

    /** One store's check: what {@code /actuator/health/stores/NAME} and {@code /actuator/health/primaryStore} show. */
    Health health(String name) {
        StoreStatus s = status.one(name);
        Health.Builder health = s.reachable() ? Health.up() : Health.down();
        health.withDetail("role", s.role()).withDetail("converter", s.converter())
                .withDetail("paused", s.paused()).withDetail("checkpoint", s.checkpoint()).withDetail("lag", s.lag());
        if (s.parkedKeys() > 0) {
            health.withDetail("parkedKeys", s.parkedKeys());
        }
        if (s.failing() != null) {
            health.withDetail("stuckAt", s.failing().seq()).withDetail("reason", s.failing().reason());
        }
        return health.build();
    }
}
