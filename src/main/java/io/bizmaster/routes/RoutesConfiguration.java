package io.bizmaster.routes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
public class RoutesConfiguration {

    /** Static, as every bean factory post-processor: it runs before this configuration's own instance exists. */
    @Bean
    static RouteFilesStartupCheck routeFilesStartupCheck(Environment environment) {
        return new RouteFilesStartupCheck(environment);
    }
}
