package io.bizmaster.migrate;

/**
 * Rate and ETA of a backfill (or a replay), measured since this process started the phase (not persisted: after a restart
 * the rate is measured afresh, which is what an ETA should use anyway).
 */
public final class ProgressMeter {

    private final long startNanos = System.nanoTime();
    private final long startCount;
    private volatile long count;

    public ProgressMeter(long startCount) {
        this.startCount = startCount;
        this.count = startCount;
    }

    public void record(long count) {
        this.count = count;
    }

    /** Items per second since the start; 0 until something moved. */
    public double rate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
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
