package io.bizmaster.coordinate;

/**
 * Who holds the coordinator lease, as the business store says.
 *
 * @param holder      the instance id, or null when nobody ever held it or the last holder released it
 * @param epoch       grows by one at each acquisition
 * @param expiresInMs how long the lease still runs by the database's clock (negative: expired)
 */
public record LeaseHolder(String holder, long epoch, long expiresInMs) {

    public boolean held() {
        return holder != null && expiresInMs > 0;
    }
}
