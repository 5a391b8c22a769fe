package io.bizmaster.gateway;

import io.bizmaster.broker.BrokerConfiguration;
import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.domain.Domains;
import io.bizmaster.domain.DomainsProperties;
import io.bizmaster.intake.IntakeProperties;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoresProperties;
import jakarta.jms.ConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DomainsProperties.class)
public class GatewayConfiguration {

    /** Keyed with BizMaster's broker password: a secret an AppCenter does not have, stable across restarts. */
    @Bean
    CommandPoster commandPoster(ConnectionFactory connectionFactory, BrokerConfiguration.BrokerUrl broker) {
        return new CommandPoster(connectionFactory, broker.password() == null ? null
                : broker.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Bean
    CommandRouter commandRouter(Domains domains) {
        return new CommandRouter(domains.forwarding());
    }

    /**
     * The domains, until the intake's configuration declares them (it owns them: one intake route per domain); the
     * gateway needs them to route by type. TODO(merge): drop this bean once intake.IntakeConfiguration has it.
     */
    @Bean
    @ConditionalOnMissingBean
    Domains domains(DomainsProperties properties, StoresProperties stores, CommandCatalog catalog, CommandParser parser,
                    IntakeProperties intake, DefinitionLoader loader) {
        return new Domains(properties, stores.stores(), catalog, parser, intake.maxCommandBytes(), loader);
    }

    /** While a cut-over freezes the intake, the HTTP gateway answers 503 instead of queueing. */
    @Bean
    FilterRegistrationBean<MaintenanceFilter> maintenanceFilter(PipelineControl pipeline) {
        FilterRegistrationBean<MaintenanceFilter> registration = new FilterRegistrationBean<>(new MaintenanceFilter(pipeline));
        registration.addUrlPatterns("/api/commands");
        return registration;
    }
}
