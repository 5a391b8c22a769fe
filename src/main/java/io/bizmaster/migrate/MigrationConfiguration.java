package io.bizmaster.migrate;

import io.bizmaster.coordinate.Coordinator;
import io.bizmaster.coordinate.CoordinatorRequests;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.pipeline.FreezeProperties;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreControl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.event.ContextClosedEvent;

@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

    @Bean
    MigrationDefinitions migrationDefinitions(DefinitionLoader loader) {
        return new MigrationDefinitions(loader);
    }

    @Bean
    @DependsOn("flywayInitializer")
    MigrationRepository migrationRepository(DataSource businessStore, StoreControl control, MigrationDefinitions definitions,
                                            Coordinator coordinator) {
        return new MigrationRepository(businessStore, control, definitions, coordinator);
    }

    /** Every kind's steps, from the kinds' own configurations (migrate.store, migrate.logmove). */
    @Bean
    MigrationKinds migrationKinds(List<MigrationSteps<?>> kinds) {
        return new MigrationKinds(kinds);
    }

    @Bean
    MigrationWorkflow migrationWorkflow(MigrationRepository repository, MigrationDefinitions definitions, MigrationKinds kinds,
                                        CoordinatorRequests requests) {
        return new MigrationWorkflow(repository, definitions, kinds, requests);
    }

    @Bean
    MigrationMetrics migrationMetrics(ObjectProvider<MeterRegistry> meters) {
        return new MigrationMetrics(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    FreezeRecovery freezeRecovery(PipelineControl pipeline, MigrationRepository repository, FreezeProperties properties) {
        return new FreezeRecovery(pipeline, repository, properties);
    }

    @Bean(destroyMethod = "close")
    MigrationRunner migrationRunner(MigrationWorkflow workflow, MigrationMetrics metrics, Coordinator coordinator,
            FreezeRecovery freezes) {
        return new MigrationRunner(workflow, 200, metrics, coordinator, freezes);
    }

    /** Before Camel stops: a step must not attach a route to a context that is shutting down. */
    @Bean
    ApplicationListener<ContextClosedEvent> migrationRunnerStopper(MigrationRunner runner) {
        return event -> {
            try {
                runner.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Once the store routes and the intake run: a migration resumes only in a running pipeline. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> migrationRunnerStarter(MigrationRunner runner) {
        return event -> runner.start();
    }
}
