package io.bizmaster.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a replay runs.
 *
 * @param chunk       commands between two recorded positions (status and restart); each batch still commits
 *                    its own changes and checkpoint
 * @param throttleLag the replay waits while the primary is this far behind the log head
 */
@ConfigurationProperties("bizmaster.replay")
public record ReplayProperties(@DefaultValue("2000") int chunk, @DefaultValue("10000") long throttleLag) {
}
