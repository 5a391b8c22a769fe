package io.bizmaster.replay;

import io.bizmaster.apply.StoreReset;
import io.bizmaster.backfill.LagThrottler;
import io.bizmaster.coordinate.Coordinator;
import io.bizmaster.coordinate.CoordinatorRequests;
import io.bizmaster.backfill.LogReplay;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreRegistry;
import javax.sql.DataSource;
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
    ReplayRepository replayRepository(DataSource businessStore, Coordinator coordinator) {
        return new ReplayRepository(businessStore, coordinator);
    }

    @Bean
    ReplayWorker replayWorker(StoreRegistry stores, StoreReset reset, LogReplay replay, PipelineControl pipeline,
                              ReplayRepository repository, ReplayProperties settings, Coordinator coordinator) {
        return new ReplayWorker(stores, reset, replay, pipeline, repository, settings, coordinator);
    }

    /**
     * Each time this instance becomes the coordinator (at start-up, once the store routes run, or when the one before
     * died), a replay cut short by a restart or by the previous coordinator's end goes on.
     */
    @Bean(destroyMethod = "close")
    StoreReplay storeReplay(StoreRegistry stores, StoreReset reset, CommandLog log, PipelineControl pipeline,
                            MigrationWorkflow migrations, ReplayRepository repository, ReplayWorker worker,
                            LagThrottler throttler, CoordinatorRequests requests, Coordinator coordinator) {
        StoreReplay replays = new StoreReplay(stores, reset, log, pipeline, migrations, repository, worker, throttler, requests);
        coordinator.onElected(epoch -> {
            try {
                replays.recover();
            } catch (Exception e) {
                throw new IllegalStateException("cannot resume the replays cut short (coordinator epoch " + epoch + "): "
                        + e.getMessage(), e);
            }
        });
        return replays;
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
