package io.bizmaster.replay;

import io.bizmaster.apply.StoreApplier;
import io.bizmaster.apply.StoreRoutes;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.LagThrottler;
import io.bizmaster.migrate.StateTracker;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreReset;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.event.ContextClosedEvent;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplayProperties.class)
public class ReplayConfiguration {

    @Bean
    @DependsOn("flywayInitializer")
    ReplayTracker replayTracker(DataSource businessStore) {
        return new ReplayTracker(businessStore);
    }

    @Bean
    ReplayWorker replayWorker(StoreRegistry stores, StoreReset reset, StoreApplier applier, StoreRoutes routes,
                              CamelContext camel, ReplayTracker tracker, LagThrottler throttler, ReplayProperties settings) {
        return new ReplayWorker(stores, reset, applier, routes, camel, tracker, throttler, settings);
    }

    @Bean(destroyMethod = "close")
    StoreReplay storeReplay(StoreRegistry stores, StoreReset reset, CommandLog log, StoreRoutes routes, CamelContext camel,
                            StateTracker migrations, ReplayTracker tracker, ReplayWorker worker, LagThrottler throttler) {
        return new StoreReplay(stores, reset, log, routes, camel, migrations, tracker, worker, throttler);
    }

    /** Once the store routes run: a replay cut short by a restart goes on. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> replayRecovery(StoreReplay replays) {
        return event -> {
            try {
                replays.recover();
            } catch (Exception e) {
                throw new IllegalStateException("cannot resume the replays cut short by a restart: " + e.getMessage(), e);
            }
        };
    }

    /** Before Camel stops: a replay must not resume a route in a context that is shutting down. */
    @Bean
    ApplicationListener<ContextClosedEvent> replayStopper(StoreReplay replays) {
        return event -> {
            try {
                replays.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
