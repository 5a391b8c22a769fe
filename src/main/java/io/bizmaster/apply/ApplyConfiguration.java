package io.bizmaster.apply;

import io.bizmaster.broker.StoreQueues;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoresProperties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
public class ApplyConfiguration {

    @Bean
    @DependsOn("flywayInitializer")
    ApplyFailures applyFailures(DataSource businessStore) {
        return new ApplyFailures(businessStore);
    }

    /** Named for the store-apply route template in routes/store-apply.camel.yaml. */
    @Bean
    StoreApplier storeApplier(StoreRegistry stores, CommandLog log, ConverterRegistry converters, ApplyFailures failures,
                              java.util.List<ApplyListener> listeners, StoresProperties properties) {
        return new StoreApplier(stores, log, converters, failures, listeners, properties.applyBatch());
    }

    @Bean
    StoreRoutes storeRoutes(StoreRegistry stores, StoreQueues queues, StoreControl control, CommandLog log) {
        StoreRoutes routes = new StoreRoutes(stores, queues, control, log);
        routes.bindQueues();
        return routes;
    }

    @Bean
    CamelContextConfiguration storeRoutesStarter(StoreRoutes routes) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                try {
                    routes.addRoutes(camelContext);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the store routes: " + e.getMessage(), e);
                }
            }
        };
    }
}
