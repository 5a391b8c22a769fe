package io.bizmaster.backfill;

import io.bizmaster.apply.StoreApplier;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The one loop that brings a store up to a seq from the command log, for every workflow that needs it: a
 * migration's replay backfill and a store replay. It applies through the {@link StoreApplier} (each batch commits its
 * changes and the checkpoint together, also while the store's route is stopped), holds to the operator's max-rate,
 * and stops while the primary lags beyond the limit: the primary is what applications read.
 */
public final class LogReplay {

    /** How far a call got: the store's checkpoint, and why it stopped short of {@code upTo}, if it did. */
    public record Reached(long checkpoint, Long throttledAtLag) {

        public boolean throttled() {
            return throttledAtLag != null;
        }
    }

    /** @param chunk commands between two progress reports; throttleLag the primary's lag that holds the replay */
    public record Limits(int chunk, long throttleLag) {
    }

    private final StoreApplier applier;
    private final LagThrottler throttler;

    public LogReplay(StoreApplier applier, LagThrottler throttler) {
        this.applier = applier;
        this.throttler = throttler;
    }

    /**
     * Applies the log to {@code store} from its checkpoint up to {@code upTo}, until then, the deadline, a stop, or
     * the primary lagging; {@code progress} is told the checkpoint after every chunk.
     *
     * @param from the store's checkpoint now
     */
    public Reached advance(String store, long from, long upTo, Limits limits, BackfillPacer pacer, ProgressMeter meter,
                           long deadlineNanos, BooleanSupplier stop, LongConsumer progress)
            throws SQLException, InterruptedException {
        long checkpoint = from;
        while (checkpoint < upTo && System.nanoTime() < deadlineNanos && !stop.getAsBoolean()) {
            if (!pacer.awaitStart(deadlineNanos)) {
                continue; // the deadline came while waiting for max-rate's turn; the loop ends there
            }
            long lag = throttler.primaryLag();
            if (lag > limits.throttleLag()) {
                return new Reached(checkpoint, lag);
            }
            long before = checkpoint;
            long chunkEnd = Math.min(checkpoint + limits.chunk(), upTo);
            while (checkpoint < chunkEnd) {
                long reached = applier.replayBatch(store, chunkEnd);
                if (reached <= checkpoint) {
                    throw new IllegalStateException("store '" + store + "': the command log has nothing after seq "
                            + checkpoint + " although it is applied up to seq " + upTo);
                }
                checkpoint = reached;
            }
            pacer.wrote(checkpoint - before);
            meter.record(Math.min(checkpoint, upTo));
            progress.accept(checkpoint);
        }
        if (checkpoint >= upTo) {
            meter.done();
        }
        return new Reached(checkpoint, null);
    }
}
