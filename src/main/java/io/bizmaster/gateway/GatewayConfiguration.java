package io.bizmaster.gateway;

import io.bizmaster.broker.BrokerConfiguration;
import io.bizmaster.domain.Domains;
import io.bizmaster.pipeline.PipelineControl;
import jakarta.jms.ConnectionFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** Keyed with BizMaster's broker password: a secret an AppCenter does not have, stable across restarts. */
    @Bean
    CommandPoster commandPoster(ConnectionFactory connectionFactory, BrokerConfiguration.BrokerUrl broker) {
        return new CommandPoster(connectionFactory, broker.password() == null ? null
                : broker.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Each posted command to its domain's intake queue, through the forwarding rules of {@code bizmaster.forwarding}. */
    @Bean
    CommandRouter commandRouter(Domains domains) {
        return new CommandRouter(domains.forwarding());
    }

    /** While a cut-over freezes the intake, the HTTP gateway answers 503 instead of queueing. */
    @Bean
    FilterRegistrationBean<MaintenanceFilter> maintenanceFilter(PipelineControl pipeline) {
        FilterRegistrationBean<MaintenanceFilter> registration = new FilterRegistrationBean<>(new MaintenanceFilter(pipeline));
        registration.addUrlPatterns("/api/commands");
        return registration;
    }
}
