package io.bizmaster.coordinate;

/**
 * Who coordinates, as {@code /api/coordinator} and the status show it.
 *
 * @param instance    this instance's id
 * @param coordinator the instance holding the lease, or null when none holds an unexpired one
 * @param epoch       the lease's epoch
 * @param thisOne     whether this instance is the coordinator
 * @param expiresInMs how long the lease runs without a renewal, by the database's clock
 */
public record CoordinatorStatus(String instance, String coordinator, long epoch, boolean thisOne, long expiresInMs) {
}
