package io.bizmaster.store;

import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoresProperties.class)
public class StoreConfiguration {

    @Bean
    ConverterRegistry converterRegistry(StoresProperties properties, List<BConverter> javaConverters) {
        return new ConverterRegistry(properties.convertersDir(), javaConverters);
    }

    @Bean
    StoreControl storeControl(DataSource businessStore) {
        return new StoreControl(businessStore);
    }

    @Bean
    StoreReset storeReset(StoreRegistry stores, ConverterRegistry converters) {
        return new StoreReset(stores, converters);
    }

    // The business store must be migrated first: store control state lives there.
    @Bean(destroyMethod = "close")
    @org.springframework.context.annotation.DependsOn("flywayInitializer")
    StoreRegistry storeRegistry(StoresProperties properties, List<Connector> connectors, ConverterRegistry converters,
                                StoreControl control) {
        StoreRegistry registry = new StoreRegistry(properties, connectors, converters, control);
        registry.prepareAll();
        return registry;
    }
}
