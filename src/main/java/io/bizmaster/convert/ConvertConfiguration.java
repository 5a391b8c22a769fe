package io.bizmaster.convert;

import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.store.StoresProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ConvertConfiguration {

    /** Every YAML converter is read here, at start-up: a broken file stops the application, naming it. */
    @Bean
    ConverterRegistry converterRegistry(StoresProperties properties, List<BConverter> javaConverters, DefinitionLoader loader) {
        return new ConverterRegistry(properties.convertersDir(), javaConverters, loader);
    }
}
