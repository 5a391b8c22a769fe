package io.bizmaster.intake;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.log.CommandLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
public class IntakeConfiguration {

    @Bean
    CommandCatalog commandCatalog(IntakeProperties properties, DefinitionLoader loader) {
        return new CommandCatalog(properties.catalog(), loader);
    }

    @Bean
    CommandParser commandParser(CommandCatalog catalog, IntakeProperties properties) {
        return new CommandParser(catalog, properties.maxCommandBytes());
    }

    /** Named for the intake route in routes/intake.camel.yaml. */
    @Bean
    CommandIntake commandIntake(CommandParser parser, CommandLog log, IntakeMetrics metrics) {
        return new CommandIntake(parser, log, metrics);
    }

    @Bean
    IntakeMetrics intakeMetrics(MeterRegistry registry) {
        return new IntakeMetrics(registry);
    }
}
