package io.bizmaster.admin;

import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/primaryStore}: the check of whichever store is the primary now. The readiness group names
 * this rather than {@code stores/legacy}: a cut-over moves the primary role at run time, and the group's members are
 * fixed at start-up.
 */
@Component("primaryStore")
public class PrimaryStoreHealth implements HealthIndicator {

    private final StoreRegistry stores;
    private final StoreHealth storeHealth;

    public PrimaryStoreHealth(StoreRegistry stores, StoreHealth storeHealth) {
        this.stores = stores;
        this.storeHealth = storeHealth;
    }

    @Override
    public Health health() {
        Store primary = stores.all().stream().filter(s -> s.role() == StoreRole.PRIMARY).findFirst().orElse(null);
        if (primary == null) {
            // Nothing is the system of record (every store detached or shadow): nothing to wait for.
            return Health.up().withDetail("store", "none: no store has the role primary").build();
        }
        Health health = storeHealth.health(primary.name());
        return Health.status(health.getStatus()).withDetail("store", primary.name()).withDetails(health.getDetails()).build();
    }
}
