package io.bizmaster.verify;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * One store as a verification reads it, from the moment it is opened. A relational store is read in one snapshot
 * transaction: every read is as of {@link #seq()}. A record store has no snapshots; each page it returns is as of one
 * seq, at or after the one it was opened at, and {@link #latestSeq()} says how far its reads have gone, so the
 * verifier treats the keys changed up to there as in flight.
 */
public sealed interface StoreView extends AutoCloseable permits SqlView, RecordView {

    /** The seq every read reflects at least. */
    long seq();

    /** The highest seq a read so far reflected; {@link #seq()} for a snapshot. Safe to call from any thread. */
    long latestSeq();

    /** The keys with a command parked in this store (behind by design until retried or skipped). */
    Set<String> parkedKeys() throws SQLException;

    KeyOrder keyOrder(ProjectionQuery side) throws SQLException;

    /** All rows of the projection in key order, read {@code batchSize} at a time. */
    RowCursor scan(ProjectionQuery side, int batchSize) throws SQLException;

    /** The rows of these keys that exist, by key. */
    Map<String, ProjectedRow> lookup(ProjectionQuery side, Collection<String> keys) throws SQLException;

    @Override
    void close();
}
