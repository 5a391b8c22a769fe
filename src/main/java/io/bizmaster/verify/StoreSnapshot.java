package io.bizmaster.verify;

import io.bizmaster.convert.Dialect;
import io.bizmaster.store.Checkpoints;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A read-only transaction that sees one store as of one sequence number. The checkpoint commits in the
 * same transaction as the changes it covers, so reading it first inside a snapshot transaction gives
 * the exact seq every later read of that transaction reflects, while the store goes on applying.
 * PostgreSQL and InnoDB take the snapshot at the first read under REPEATABLE READ; H2 needs its own
 * SNAPSHOT level, as its REPEATABLE READ snapshots each table only when it is first read.
 */
final class StoreSnapshot implements AutoCloseable {

    /** H2's {@code Constants.TRANSACTION_SNAPSHOT}; JDBC has no name for it. */
    private static final int H2_SNAPSHOT = 6;

    private final Connection connection;
    private final Dialect dialect;
    private final long seq;

    private StoreSnapshot(Connection connection, Dialect dialect, long seq) {
        this.connection = connection;
        this.dialect = dialect;
        this.seq = seq;
    }

    static StoreSnapshot open(VerifiedStore store) {
        Connection c = null;
        try {
            c = store.dataSource().getConnection();
            Dialect dialect = Dialect.of(c);
            c.setAutoCommit(false);
            c.setTransactionIsolation(dialect == Dialect.H2 ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            long seq = store.checkpointed() ? Checkpoints.read(c, store.name()) : 0;
            return new StoreSnapshot(c, dialect, seq);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new VerificationException("store " + store.name() + ": cannot open a snapshot: " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The store's checkpoint in this snapshot: every row read here reflects exactly the log up to it. */
    long seq() {
        return seq;
    }

    @Override
    public void close() {
        try {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            // Nothing was written; a connection that cannot roll back is discarded by the pool.
        }
    }
}
