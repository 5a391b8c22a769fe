package io.bizmaster.admin;

import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.log.CommandLog;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    StoreStatusService storeStatusService(StoreRegistry stores, CommandLog log, ApplyFailures failures) {
        return new StoreStatusService(stores, log, failures);
    }

    @Bean
    StoreMetrics storeMetrics(StoreRegistry stores, PipelineControl pipeline, CommandLog log) {
        return new StoreMetrics(stores, pipeline, log);
    }

    @Bean
    StoreApplyMetrics storeApplyMetrics(StoreRegistry stores, MeterRegistry registry) {
        return new StoreApplyMetrics(stores, registry, Clock.systemUTC());
    }
}
