package io.bizmaster.gateway;

import io.bizmaster.pipeline.PipelineControl;
import jakarta.jms.ConnectionFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    CommandPoster commandPoster(ConnectionFactory connectionFactory) {
        return new CommandPoster(connectionFactory);
    }

    /** While a cut-over freezes the intake, the HTTP gateway answers 503 instead of queueing. */
    @Bean
    FilterRegistrationBean<MaintenanceFilter> maintenanceFilter(PipelineControl pipeline) {
        FilterRegistrationBean<MaintenanceFilter> registration = new FilterRegistrationBean<>(new MaintenanceFilter(pipeline));
        registration.addUrlPatterns("/api/commands");
        return registration;
    }
}
