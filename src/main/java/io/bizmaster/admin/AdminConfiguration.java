package io.bizmaster.admin;

import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.log.BusinessDataSource;
import io.bizmaster.log.CommandLog;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.jms.health.JmsHealthIndicator;
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
    StoreMetrics storeMetrics(StoreRegistry stores, PipelineControl pipeline, CommandLog log) {
        return new StoreMetrics(stores, pipeline, log);
    }

    @Bean
    StoreApplyMetrics storeApplyMetrics(StoreRegistry stores, MeterRegistry registry) {
        return new StoreApplyMetrics(stores, registry, Clock.systemUTC());
    }

    /**
     * {@code /actuator/health/broker}: Boot's JMS check (a connection opened and started) under the name BizMaster
     * gives the broker; Boot's own {@code jms} check is off (application.yaml), so the broker is asked once.
     */
    @Bean
    HealthIndicator brokerHealthIndicator(ConnectionFactory jmsConnectionFactory) {
        return new JmsHealthIndicator(jmsConnectionFactory);
    }

    /**
     * {@code /actuator/health/businessStore}: Boot's DataSource check of the database holding the command log, through
     * the switchable DataSource (after a log move, the new one); replaces Boot's {@code db}.
     */
    @Bean
    HealthIndicator businessStoreHealthIndicator(BusinessDataSource businessStore) {
        return new DataSourceHealthIndicator(businessStore);
    }
}
