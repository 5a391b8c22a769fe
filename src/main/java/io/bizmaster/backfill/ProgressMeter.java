package io.bizmaster.backfill;

import java.util.function.LongSupplier;

/**
 * Rate and ETA of a backfill or a replay, measured since this process started the work (not persisted: after a
 * restart the rate is measured afresh, which is what an ETA should use anyway). Once the work is {@link #done()} its
 * rate stays the one it ran at: a backfill of 11,630 commands that took a second does not show 39 a second once
 * the migration has been shadowing for five minutes.
 */
public final class ProgressMeter {

    private final LongSupplier clock;
    private final long startNanos;
    private final long startCount;
    private volatile long count;
    private volatile long endNanos = -1;

    public ProgressMeter(long startCount) {
        this(startCount, System::nanoTime);
    }

    public ProgressMeter(long startCount, LongSupplier clock) {
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.startCount = startCount;
        this.count = startCount;
    }

    public void record(long count) {
        this.count = count;
    }

    /** The work is over: the clock stops here. */
    public void done() {
        if (endNanos < 0) {
            endNanos = clock.getAsLong();
        }
    }

    /** Items per second over the work's own time; 0 until something moved. */
    public double rate() {
        long end = endNanos >= 0 ? endNanos : clock.getAsLong();
        double seconds = (end - startNanos) / 1e9;
        return seconds <= 0 ? 0 : (count - startCount) / seconds;
    }

    /** Seconds left to reach {@code total}, or null if unknown. */
    public Long etaSeconds(long total) {
        double rate = rate();
        if (rate <= 0) {
            return null;
        }
        return Math.max(0, Math.round((total - count) / rate));
    }
}
