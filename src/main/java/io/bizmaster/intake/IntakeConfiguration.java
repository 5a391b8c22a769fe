package io.bizmaster.intake;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.domain.Domains;
import io.bizmaster.domain.DomainsProperties;
import io.bizmaster.store.StoresProperties;
import io.bizmaster.log.CommandLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntakeProperties.class, DomainsProperties.class})
public class IntakeConfiguration {

    @Bean
    CommandCatalog commandCatalog(IntakeProperties properties, DefinitionLoader loader) {
        return new CommandCatalog(properties.catalog(), loader);
    }

    @Bean
    CommandParser commandParser(CommandCatalog catalog, IntakeProperties properties) {
        return new CommandParser(catalog, properties.maxCommandBytes());
    }

    /** The default domain (this catalogue, biz.commands) and the named ones of bizmaster.domains, checked at once. */
    @Bean
    Domains domains(DomainsProperties domains, StoresProperties stores, CommandCatalog catalog, CommandParser parser,
                    IntakeProperties properties, DefinitionLoader loader) {
        return new Domains(domains, stores.stores(), catalog, parser, properties.maxCommandBytes(), loader);
    }

    /** Named for the intake routes in routes/intake.camel.yaml and routes/domain-intake.camel.yaml. */
    @Bean
    CommandIntake commandIntake(Domains domains, CommandLog log, IntakeMetrics metrics) {
        return new CommandIntake(domains, log, metrics);
    }

    @Bean
    IntakeMetrics intakeMetrics(MeterRegistry registry) {
        return new IntakeMetrics(registry);
    }
}
