package io.bizmaster.store;

import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoresProperties.class)
public class StoreConfiguration {

    @Bean
    StoreControl storeControl(DataSource businessStore) {
        return new StoreControl(businessStore);
    }

    /** Every connector on the class path, the jars in connectors/ included (the launcher's Loader-Path). */
    @Bean
    Connectors connectors() {
        return Connectors.discover(Thread.currentThread().getContextClassLoader());
    }

    // The business store must be migrated first: store control state lives there.
    @Bean(destroyMethod = "close")
    @org.springframework.context.annotation.DependsOn("flywayInitializer")
    StoreRegistry storeRegistry(StoresProperties properties, Connectors connectors, ConverterCheck converters,
                                StoreControl control, DataSource businessStore, ObjectProvider<ProducerTemplate> producer) {
        ConnectorContext context = new ConnectorContext() {
            @Override
            public ProducerTemplate producer() {
                return producer.getObject();
            }

            @Override
            public DataSource businessStore() {
                return businessStore;
            }
        };
        StoreRegistry registry = new StoreRegistry(properties, connectors, converters, control, context);
        registry.prepareAll();
        return registry;
    }
}
