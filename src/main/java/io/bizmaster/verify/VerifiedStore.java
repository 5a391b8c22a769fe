package io.bizmaster.verify;

import io.bizmaster.store.jdbc.ParkedCommands;
import io.bizmaster.store.jdbc.StoreSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A store as a verification reads it.
 *
 * @param checkpointed whether it keeps a BizMaster checkpoint (a registered store does; a bare database
 *                     compared by the benchmark does not, and counts as being at seq 0)
 * @param stalled      why the store can never move forward (detached), or empty: a verification
 *                     waiting for it to reach a seq stops waiting at once instead of timing out
 */
public record VerifiedStore(
        String name,
        DataSource dataSource,
        ProjectionSet projections,
        boolean checkpointed,
        Supplier<Optional<String>> stalled) {

    /** A read-only transaction on this store at one seq. */
    public StoreSnapshot snapshot() {
        try {
            return StoreSnapshot.open(dataSource, name, checkpointed);
        } catch (SQLException | RuntimeException e) {
            throw new VerificationException("store " + name + ": cannot open a snapshot: " + e.getMessage(), e);
        }
    }

    /**
     * The keys this store has a command parked for, read in the same snapshot as its checkpoint (parking commits with
     * the checkpoint). None for a database without a checkpoint: nothing parks in it.
     */
    public Set<String> parkedKeys(Connection connection) throws SQLException {
        return checkpointed ? ParkedCommands.parkedKeys(connection, name) : Set.of();
    }

    /** A database without a checkpoint that nothing writes to while it is verified. */
    public static VerifiedStore still(String name, DataSource dataSource, ProjectionSet projections) {
        return new VerifiedStore(name, dataSource, projections, false, Optional::empty);
    }
}
