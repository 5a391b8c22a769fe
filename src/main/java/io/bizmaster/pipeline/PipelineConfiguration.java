package io.bizmaster.pipeline;

import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.broker.BrokerQueueControl;
import io.bizmaster.broker.StoreQueues;
import io.bizmaster.domain.Domains;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RecoveryProperties.class, FreezeProperties.class})
public class PipelineConfiguration {

    /** The store-apply route's steps: read (logReader), convert (bConverter), write (bizmaster-store:NAME). */
    @Bean
    io.bizmaster.pipeline.store.LogReader logReader(io.bizmaster.apply.StoreApplier applier) {
        return new io.bizmaster.pipeline.store.LogReader(applier);
    }

    @Bean
    io.bizmaster.pipeline.store.StoreConverter bConverter(io.bizmaster.apply.StoreApplier applier) {
        return new io.bizmaster.pipeline.store.StoreConverter(applier);
    }

    @Bean("bizmaster-store")
    io.bizmaster.pipeline.store.StoreComponent storeComponent(io.bizmaster.apply.StoreApplier applier, StoreRegistry stores) {
        return new io.bizmaster.pipeline.store.StoreComponent(applier, stores);
    }

    @Bean
    StoreRecovery storeRecovery(StoreRegistry stores, ApplyFailures failures, PipelineControl pipeline,
                                DataSource businessStore, RecoveryProperties properties) {
        return new StoreRecovery(stores, failures, pipeline, businessStore, properties);
    }

    @Bean
    IntakeFreezes intakeFreezes(DataSource businessStore) {
        return new IntakeFreezes(businessStore);
    }

    @Bean
    PipelineControl pipelineControl(CamelContext camel, StoreRegistry stores, StoreControl control, StoreQueues queues,
                                    CommandLog log, BrokerQueueControl broker, IntakeFreezes freezes, FreezeProperties freeze,
                                    Domains domains) {
        PipelineControl pipeline = new PipelineControl(camel, stores, control, queues, log, broker, freezes, freeze,
                domains);
        pipeline.bindQueues();
        return pipeline;
    }

    @Bean
    PauseFollower pauseFollower(PipelineControl pipeline, RecoveryProperties properties) {
        return new PauseFollower(pipeline, properties.pauseFollow());
    }

    /** Camel's route metrics (camel.exchanges): an EventNotifier bean, which Camel's auto-configuration registers. */
    @Bean
    RouteMetrics routeMetrics(MeterRegistry registry) {
        return new RouteMetrics(registry);
    }

    /** Once Camel has loaded routes/: the intake is checked, the store routes are made from their template. */
    @Bean
    CamelContextConfiguration pipelineStarter(PipelineControl pipeline) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                try {
                    pipeline.start();
                } catch (IllegalStateException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the store routes: " + e.getMessage(), e);
                }
            }
        };
    }
}
