package io.bizmaster.admin;

import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.log.CommandLog;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    StoreStatusService storeStatusService(StoreRegistry stores, CommandLog log, ApplyFailures failures) {
        return new StoreStatusService(stores, log, failures);
    }

    @Bean(initMethod = "start")
    ThroughputHistory throughputHistory(StoreRegistry stores, CommandLog log) {
        return new ThroughputHistory(log, stores, java.time.Clock.systemUTC());
    }

    @Bean
    StoreMetrics storeMetrics(StoreRegistry stores, PipelineControl pipeline) {
        return new StoreMetrics(stores, pipeline);
    }
}
