package io.bizmaster.migrate.store;

import io.bizmaster.apply.ConverterSwitch;
import io.bizmaster.apply.StoreReset;
import io.bizmaster.backfill.LagThrottler;
import io.bizmaster.backfill.LogReplay;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.MigrationMetrics;
import io.bizmaster.migrate.MigrationRepository;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.domain.Domains;
import io.bizmaster.verify.ChangedKeys;
import io.bizmaster.verify.Projections;
import io.bizmaster.verify.Verifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class StoreMigrationConfiguration {

    @Bean
    VerificationGate verificationGate(StoreRegistry stores, Projections projections, Verifier verifier, ChangedKeys changedKeys) {
        return new VerifierGate(stores, projections, verifier, changedKeys);
    }

    @Bean
    CutOver cutOver(StoreRegistry stores, CommandLog log, PipelineControl pipeline, VerificationGate gate,
                    MigrationRepository repository, MigrationMetrics metrics) {
        return new CutOver(stores, log, pipeline, gate, repository, metrics);
    }

    @Bean
    StoreMigrationSteps storeMigrationSteps(MigrationRepository repository, StoreRegistry stores, PipelineControl pipeline,
                                            LogReplay replay, CommandLog log, ConverterSwitch converterSwitch,
                                            LagThrottler throttler, VerificationGate gate, CutOver cutOver, StoreReset reset,
                                            Domains domains) {
        return new StoreMigrationSteps(repository, stores, pipeline, replay, log, converterSwitch, throttler, gate, cutOver,
                reset, domains);
    }
}
