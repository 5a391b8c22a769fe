package io.bizmaster.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The intake freeze at the broker, as every instance sees it.
 *
 * @param seenFor     how long an instance trusts the freeze record it last read before reading it again (for the gateway's
 *                    503 and the intake health of instances that do not hold the freeze)
 * @param staleMargin how far past its budget a recorded freeze must be before any instance undoes it: a cut-over aborts
 *                    at its budget, so a freeze still recorded this much later has lost its owner
 * @param checkEvery  how often an instance looks for a freeze (or a paused {@code biz.commands}) nobody owns any more
 */
@ConfigurationProperties("bizmaster.freeze")
public record FreezeProperties(
        @DefaultValue("1s") Duration seenFor,
        @DefaultValue("60s") Duration staleMargin,
        @DefaultValue("10s") Duration checkEvery) {
}
