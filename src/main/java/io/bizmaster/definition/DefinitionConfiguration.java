package io.bizmaster.definition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DefinitionConfiguration {

    @Bean
    DefinitionLoader definitionLoader() {
        return new DefinitionLoader();
    }
}
