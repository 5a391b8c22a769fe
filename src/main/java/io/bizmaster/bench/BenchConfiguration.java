package io.bizmaster.bench;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Only the {@code bench} verb turns this on. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bizmaster.bench.enabled", havingValue = "true")
public class BenchConfiguration {

    @Bean
    LatencyProbe latencyProbe() {
        return new LatencyProbe();
    }
}
