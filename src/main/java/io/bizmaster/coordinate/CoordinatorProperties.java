package io.bizmaster.coordinate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The coordinator lease.
 *
 * @param leaseDuration how long a lease runs without a renewal; after a coordinator dies, another instance takes
 *                      over within this time (plus one renew interval)
 * @param renewInterval how often the holder renews (and the others try to acquire); well below the lease duration,
 *                      so a renewal or two may fail (a slow database) without losing the lease
 * @param instanceId    this instance's name in the lease and in status; empty: host name and HTTP port (unique among
 *                      live processes of one host, and the same after a restart, which so takes its lease back at once)
 * @param verbTimeout   how long a verb asked on an instance that is not the coordinator waits for the coordinator to
 *                      carry it out
 */
@ConfigurationProperties("bizmaster.coordinator")
public record CoordinatorProperties(@DefaultValue("10s") Duration leaseDuration, @DefaultValue("3s") Duration renewInterval,
                                    @DefaultValue("") String instanceId, @DefaultValue("120s") Duration verbTimeout) {

    public CoordinatorProperties {
        if (renewInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("bizmaster.coordinator.renew-interval (" + renewInterval
                    + ") must be shorter than bizmaster.coordinator.lease-duration (" + leaseDuration + ")");
        }
    }
}
