package io.bizmaster.migrate;



/**
 * The settings every kind of migration shares.
 *
 * @param maxFreezeMillis the cut-over aborts rather than freeze the intake longer
 * @param maxCutoverLag   a cut-over starts only when the target is this close to the head
 * @param chunk           commands (replay, log copy) or rows (snapshot) per backfill step
 * @param throttleLag     the backfill waits while the primary is this far behind the head
 * @param maxRate         the backfill's cap, commands or rows a second; 0 for none
 */
public record MigrationLimits(long maxFreezeMillis, long maxCutoverLag, int chunk, long throttleLag, long maxRate) {

    /** {@code max-rate} as status shows it: null when the backfill is not capped. */
    public Long maxRateOrNull() {
        return maxRate > 0 ? maxRate : null;
    }
}
