package io.bizmaster.migrate.store;

import io.bizmaster.migrate.RowMapping;
import io.bizmaster.store.Store;
import io.bizmaster.store.jdbc.Checkpoints;
import io.bizmaster.store.jdbc.ParkedCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes snapshot chunks into the target (ghostferry's BatchWriter): one batched INSERT and one commit per
 * chunk. The target is a fresh store nobody else writes to until it is attached; its checkpoint moves from 0
 * to N only once the whole snapshot is in, so a half copy is never taken for a store at N.
 */
final class BatchWriter {

    private final Store target;

    BatchWriter(Store target) {
        this.target = target;
    }

    /** Empties the mapped tables (children first: reverse declaration order) and sets the checkpoint to 0. */
    void clear(List<RowMapping> mappings) throws SQLException {
        try (Connection c = target.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int i = mappings.size() - 1; i >= 0; i--) {
                    s.executeUpdate("DELETE FROM " + mappings.get(i).table());
                }
                Checkpoints.advance(c, target.name(), 0);
                ParkedCommands.forgetAfter(c, target.name(), 0);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        target.forgetCheckpoint();
        target.parkedKeys(Set.of());
    }

    void write(RowMapping mapping, List<String> columns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + mapping.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (Connection c = target.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("writing " + rows.size() + " rows into " + target.name() + "." + mapping.table() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * The snapshot is complete: the target now holds the state at seq N, and what the source had parked up to N is
     * parked in the target too, since the copied rows of those keys lack the parked commands just as the source's do.
     */
    void finish(long seq, List<ParkedCommands.Parked> parkedInSource) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection c = target.connection()) {
            c.setAutoCommit(false);
            try {
                Checkpoints.lock(c, target.name());
                for (ParkedCommands.Parked parked : parkedInSource) {
                    ParkedCommands.park(c, target.name(), parked.seq(), parked.commandId(), parked.type(), parked.key(),
                            "parked in store " + parked.store() + " when the snapshot was taken: " + parked.reason());
                    keys.add(parked.key());
                }
                Checkpoints.advance(c, target.name(), seq);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        target.parkedKeys(keys);
        target.checkpointSeen(seq);
    }
}
