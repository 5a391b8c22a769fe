package io.bizmaster.backfill;

import io.bizmaster.apply.StoreApplier;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BackfillConfiguration {

    @Bean
    LagThrottler lagThrottler(StoreRegistry stores, CommandLog log) {
        return new LagThrottler(stores, log);
    }

    @Bean
    LogReplay logReplay(StoreApplier applier, LagThrottler throttler) {
        return new LogReplay(applier, throttler);
    }
}
