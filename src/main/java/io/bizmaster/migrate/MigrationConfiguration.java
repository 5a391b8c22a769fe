package io.bizmaster.migrate;

import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.store.ConverterSwitch;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

    @Bean
    ConverterSwitch converterSwitch(StoreRegistry stores, ConverterRegistry converters, StoreControl control) {
        return new ConverterSwitch(stores, converters, control);
    }
}
