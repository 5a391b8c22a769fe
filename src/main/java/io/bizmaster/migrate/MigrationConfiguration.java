package io.bizmaster.migrate;

import io.bizmaster.apply.StoreApplier;
import io.bizmaster.apply.StoreFeeds;
import io.bizmaster.apply.StoreRoutes;
import io.bizmaster.broker.StoreQueues;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.log.BusinessStore;
import io.bizmaster.log.BusinessStorePools;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.ConverterSwitch;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreReset;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.apache.camel.CamelContext;
import io.bizmaster.verify.ChangedKeys;
import io.bizmaster.verify.Projections;
import io.bizmaster.verify.Verifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

    @Bean
    ConverterSwitch converterSwitch(StoreRegistry stores, ConverterRegistry converters, StoreControl control) {
        return new ConverterSwitch(stores, converters, control);
    }

    @Bean
    StoreFeeds storeFeeds(StoreRegistry stores, StoreQueues queues, StoreRoutes routes, CamelContext camel) {
        return new StoreFeeds(stores, queues, routes, camel);
    }

    @Bean
    @DependsOn("flywayInitializer")
    StateTracker migrationStateTracker(DataSource businessStore, StoreControl control) {
        return new StateTracker(businessStore, control);
    }

    @Bean
    IntakeFreeze intakeFreeze(CamelContext camel) {
        return new IntakeFreeze(camel);
    }

    @Bean
    FilterRegistrationBean<MaintenanceFilter> maintenanceFilter(IntakeFreeze freeze) {
        FilterRegistrationBean<MaintenanceFilter> registration = new FilterRegistrationBean<>(new MaintenanceFilter(freeze));
        registration.addUrlPatterns("/api/commands");
        return registration;
    }

    @Bean
    LagThrottler lagThrottler(StoreRegistry stores, CommandLog log) {
        return new LagThrottler(stores, log);
    }

    @Bean
    VerificationGate verificationGate(StoreRegistry stores, Projections projections, Verifier verifier, ChangedKeys changedKeys) {
        return new VerifierGate(stores, projections, verifier, changedKeys);
    }

    @Bean
    CutOver cutOver(StoreRegistry stores, CommandLog log, IntakeFreeze freeze, VerificationGate gate, StateTracker state) {
        return new CutOver(stores, log, freeze, gate, state);
    }

    /** Seed scenario 6: the business store itself moves; its pools are closed with the application. */
    @Bean(destroyMethod = "close")
    LogMigration logMigration(StateTracker state, BusinessStore businessStore, BusinessStorePools pools, CommandLog log,
                              LagThrottler throttler, IntakeFreeze freeze) {
        LogMigrationEnds ends = new LogMigrationEnds(businessStore, pools);
        LogCopier copier = new LogCopier();
        LogComparison comparison = new LogComparison();
        return new LogMigration(state, ends, log, throttler, new LogCutOver(ends, log, freeze, state, copier, comparison),
                copier, comparison);
    }

    @Bean
    MigrationWorkflow migrationWorkflow(StateTracker state, StoreRegistry stores, StoreFeeds feeds, StoreApplier applier,
                                        CommandLog log, ConverterSwitch converterSwitch, LagThrottler throttler,
                                        VerificationGate gate, CutOver cutOver, LogMigration logMigration,
                                        StoreReset reset) {
        return new MigrationWorkflow(state, stores, feeds, applier, log, converterSwitch, throttler, gate, cutOver,
                logMigration, reset);
    }

    @Bean(destroyMethod = "close")
    MigrationRunner migrationRunner(MigrationWorkflow workflow, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        return new MigrationRunner(workflow, 200, new MigrationMetrics(registry, workflow));
    }

    /** Before Camel stops: a step must not attach a route to a context that is shutting down. */
    @Bean
    ApplicationListener<org.springframework.context.event.ContextClosedEvent> migrationRunnerStopper(MigrationRunner runner) {
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
