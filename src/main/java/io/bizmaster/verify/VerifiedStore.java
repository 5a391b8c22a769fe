package io.bizmaster.verify;

import io.bizmaster.store.ReadableRecordTarget;
import io.bizmaster.store.jdbc.StoreSnapshot;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A store as a verification reads it.
 *
 * @param stalled why the store can never move forward (detached), or empty: a verification
 *                waiting for it to reach a seq stops waiting at once instead of timing out
 */
public record VerifiedStore(
        String name,
        Reader reader,
        ProjectionSet projections,
        Supplier<Optional<String>> stalled) {

    /** How the store's rows are reached. */
    public sealed interface Reader permits Relational, Records {
    }

    /**
     * @param checkpointed whether it keeps a BizMaster checkpoint (a registered store does; a bare database compared by
     *                     the benchmark does not, and counts as being at seq 0)
     */
    public record Relational(DataSource dataSource, boolean checkpointed) implements Reader {
    }

    public record Records(ReadableRecordTarget target) implements Reader {
    }

    /** The store as of now: a snapshot of a relational store, or a record store read page by page. */
    public StoreView open() {
        try {
            if (reader instanceof Relational r) {
                return new SqlView(name, StoreSnapshot.open(r.dataSource(), name, r.checkpointed()), r.checkpointed());
            }
            return new RecordView(name, ((Records) reader).target());
        } catch (SQLException | RuntimeException e) {
            throw e instanceof VerificationException v ? v
                    : new VerificationException("store " + name + ": cannot open a snapshot: " + e.getMessage(), e);
        }
    }

    /** A database without a checkpoint that nothing writes to while it is verified. */
    public static VerifiedStore still(String name, DataSource dataSource, ProjectionSet projections) {
        return new VerifiedStore(name, new Relational(dataSource, false), projections, Optional::empty);
    }
}
