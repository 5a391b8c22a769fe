package io.bizmaster.backfill;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Holds a backfill to the operator's {@code max-rate} (rows or commands per second). The lag throttle answers
 * the primary falling behind; this answers a budget set in advance, for databases that serve more than
 * BizMaster (gh-ost's {@code --nice-ratio} and {@code --max-load} serve the same need).
 *
 * <p>A write of n items that started at t lets the next one start at t + n / rate: the write's own time counts,
 * and a pause (a throttle, a slice handed back to the runner) is not made up afterwards in a burst.
 */
public final class BackfillPacer {

    /** The longest single sleep, so that a stop or a cancel is seen soon. */
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final long maxPerSecond;
    private final LongSupplier clock;
    private long nextStart;
    private long writeStart;
    private boolean paced;

    /** @param maxPerSecond items per second; 0 for no limit */
    public BackfillPacer(long maxPerSecond) {
        this(maxPerSecond, System::nanoTime);
    }

    public BackfillPacer(long maxPerSecond, LongSupplier clock) {
        this.maxPerSecond = maxPerSecond;
        this.clock = clock;
    }

    /** 0 if a write may start now (and it is taken as started), otherwise how long to wait first. */
    public long tryStart() {
        if (maxPerSecond <= 0) {
            return 0;
        }
        long now = clock.getAsLong();
        if (paced && nextStart - now > 0) {
            return nextStart - now;
        }
        writeStart = now;
        return 0;
    }

    /** The write that {@link #tryStart()} let start wrote {@code items}. */
    public void wrote(long items) {
        if (maxPerSecond <= 0 || items <= 0) {
            return;
        }
        paced = true;
        nextStart = writeStart + items * TimeUnit.SECONDS.toNanos(1) / maxPerSecond;
    }

    /**
     * For a backfill that works in time slices: waits for the next write's turn, but not past
     * {@code deadlineNanos}; true when the write may start now, false when the slice ended first.
     */
    public boolean awaitStart(long deadlineNanos) throws InterruptedException {
        long wait = tryStart();
        if (wait == 0) {
            return true;
        }
        long left = deadlineNanos - clock.getAsLong();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(wait, left)));
        return wait <= left && tryStart() == 0;
    }

    /** Waits until a write may start; false if {@code stopping} said so first. */
    public boolean awaitStart(BooleanSupplier stopping) throws InterruptedException {
        long wait;
        while ((wait = tryStart()) > 0) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, STEP_NANOS));
        }
        return !stopping.getAsBoolean();
    }
}
