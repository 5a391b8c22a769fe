package io.bizmaster.migrate.logmove;

import io.bizmaster.backfill.LagThrottler;
import io.bizmaster.log.BusinessDataSource;
import io.bizmaster.log.BusinessStorePools;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.MigrationMetrics;
import io.bizmaster.migrate.MigrationRepository;
import io.bizmaster.pipeline.PipelineControl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class LogMoveConfiguration {

    /** Seed scenario 6: the business store itself moves; its pools are closed with the application. */
    @Bean(destroyMethod = "close")
    LogMoveSteps logMoveSteps(MigrationRepository repository, BusinessDataSource businessStore, BusinessStorePools pools,
                              CommandLog log, LagThrottler throttler, PipelineControl pipeline, MigrationMetrics metrics) {
        LogMoveEnds ends = new LogMoveEnds(businessStore, pools);
        LogCopier copier = new LogCopier();
        LogComparison comparison = new LogComparison();
        return new LogMoveSteps(repository, ends, log, throttler,
                new LogCutOver(ends, log, pipeline, repository, copier, comparison, metrics), copier, comparison);
    }
}
