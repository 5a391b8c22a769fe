package io.bizmaster.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a replay runs.
 *
 * @param chunk       commands between two recorded positions (status and restart); each batch still commits
 *                    its own changes and checkpoint
 * @param throttleLag the replay waits while the primary is this far behind the log head
 * @param maxRate     at most this many commands a second (0: as fast as the store takes them), as a migration's
 *                    {@code max-rate}: a replay beside production load that must leave the store's server room
 */
@ConfigurationProperties("bizmaster.replay")
public record ReplayProperties(@DefaultValue("2000") int chunk, @DefaultValue("10000") long throttleLag,
                               @DefaultValue("0") long maxRate) {
}
