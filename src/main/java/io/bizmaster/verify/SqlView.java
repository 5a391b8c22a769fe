package io.bizmaster.verify;

import io.bizmaster.store.jdbc.ParkedCommands;
import io.bizmaster.store.jdbc.StoreSnapshot;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A relational store in one read-only snapshot transaction opened at its checkpoint. */
final class SqlView implements StoreView {

    private static final Logger LOG = LoggerFactory.getLogger(SqlView.class);

    private final String store;
    private final StoreSnapshot snapshot;
    private final boolean checkpointed;

    SqlView(String store, StoreSnapshot snapshot, boolean checkpointed) {
        this.store = store;
        this.snapshot = snapshot;
        this.checkpointed = checkpointed;
    }

    @Override
    public long seq() {
        return snapshot.seq();
    }

    @Override
    public long latestSeq() {
        return snapshot.seq();
    }

    @Override
    public Set<String> parkedKeys() throws SQLException {
        // Parking commits with the checkpoint, so the snapshot's parked keys are those of its seq.
        return checkpointed ? ParkedCommands.parkedKeys(snapshot.connection(), store) : Set.of();
    }

    @Override
    public KeyOrder keyOrder(ProjectionQuery side) throws SQLException {
        return side.keyOrder(snapshot.connection());
    }

    @Override
    public RowCursor scan(ProjectionQuery side, int batchSize) throws SQLException {
        return side.scan(snapshot.connection(), batchSize);
    }

    @Override
    public Map<String, ProjectedRow> lookup(ProjectionQuery side, Collection<String> keys) throws SQLException {
        return side.lookup(snapshot.connection(), keys);
    }

    @Override
    public void close() {
        try {
            snapshot.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the snapshot of store {} failed", store, e);
        }
    }
}
