package io.bizmaster.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often {@link StoreRecovery} asks a failing store's database (and the business store) whether it answers again.
 *
 * @param probeInterval between two probes of a failing store; a store is writing again within about this long of its
 *                      database's return
 * @param pauseFollow   how often this instance reads the pause flags every instance records, and pauses or resumes
 *                      its own store routes to match ({@link PipelineControl#followPauses})
 */
@ConfigurationProperties("bizmaster.recovery")
public record RecoveryProperties(@DefaultValue("500ms") Duration probeInterval, @DefaultValue("1s") Duration pauseFollow) {
}
