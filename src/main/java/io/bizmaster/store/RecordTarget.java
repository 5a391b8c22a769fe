package io.bizmaster.store;

import io.bizmaster.store.jdbc.ParkedCommands;
import java.util.List;
import java.util.Set;

/**
 * A store of records by key (Redis): converters' operations are applied as {@link RecordChange}s; a batch of them and
 * the checkpoint are written in one atomic step fenced by the checkpoint it started from.
 */
public non-sealed interface RecordTarget extends StoreTarget {

    /** The last applied seq (0 for a new store). Throws when the store cannot be reached. */
    long checkpoint();

    /** The keys with a command parked (read when the store is prepared). */
    Set<String> parkedKeys();

    /**
     * Every command parked in the store, still parked or skipped, in seq order: what the operator lists, retries and
     * skips (a store parks rarely, so they are read whole).
     */
    default List<ParkedCommands.Parked> parkedCommands() {
        throw new UnsupportedOperationException("this connector does not list the commands its stores parked");
    }

    /**
     * Writes the batch and moves the checkpoint to {@code batch.to()} atomically.
     *
     * @return how many update, increment or delete changes found no record
     * @throws FencedOutException when the checkpoint is no longer {@code batch.from()}: nothing was written
     * @throws RecordRejectedException when the store refuses one change (a field that is not a number for an
     *                                 increment): nothing was written, the change's command is named
     */
    int write(RecordBatch batch);

    /**
     * Removes every record of these entities and their key indexes, forgets the parked commands and sets the checkpoint
     * to 0, for a rebuild from the log. The checkpoint moves last: interrupted, the store still says where its data was
     * from and the replay empties it again. Returns how many keys were removed.
     */
    long empty(Set<String> entities);

    /** Sets the checkpoint to {@code seq} (the data is as of that seq), forgetting the commands parked after it. */
    void resetCheckpoint(long seq);

    /** Whether the store answers now (the recovery probe). */
    boolean reachable();

    /** The checkpoint is no longer what the batch started from. */
    class FencedOutException extends RuntimeException {
        public FencedOutException(String message) {
            super(message);
        }
    }

    /** The store refused one change of a batch; {@code index} is its position in {@link RecordBatch#changes()}. */
    class RecordRejectedException extends RuntimeException {
        private final int index;

        public RecordRejectedException(int index, String message) {
            super(message);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }
}
