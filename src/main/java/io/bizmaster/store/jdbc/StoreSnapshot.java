package io.bizmaster.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A read-only transaction that sees one store as of one sequence number: the verifier's scans, the inline
 * verifier's lookups and a snapshot backfill's copy all read through one. The checkpoint commits in the same
 * transaction as the changes it covers, so reading it first inside a snapshot transaction gives the exact seq that
 * every later read of that transaction reflects, while the store goes on applying. A fuzzy read (rows from after
 * that seq) would make a backfill apply a relative command such as "add 10 to the balance" twice.
 *
 * <p>The isolation each engine needs, in this one place: PostgreSQL takes the snapshot at the first read under
 * REPEATABLE READ; MariaDB/InnoDB is told to take it at once ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT});
 * H2 needs its SNAPSHOT level, as its REPEATABLE READ snapshots each table only when it is first read.
 */
public final class StoreSnapshot implements AutoCloseable {

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

    /**
     * @param store        the store's name, whose checkpoint row fixes the snapshot's seq
     * @param checkpointed false for a database without a BizMaster checkpoint (a bare one the benchmark compares):
     *                     it counts as being at seq 0
     */
    public static StoreSnapshot open(DataSource dataSource, String store, boolean checkpointed) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            Dialect dialect = Dialect.of(c);
            c.setAutoCommit(false);
            c.setReadOnly(true);
            switch (dialect) {
                case H2 -> c.setTransactionIsolation(H2_SNAPSHOT);
                case POSTGRESQL -> c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                case MARIADB -> {
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    try (Statement s = c.createStatement()) {
                        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                    }
                }
            }
            // The first read fixes the snapshot: the checkpoint, then the rows, all as of the same seq.
            long seq = checkpointed ? Checkpoints.read(c, store) : 0;
            return new StoreSnapshot(c, dialect, seq);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The store's checkpoint in this snapshot: every row read here reflects exactly the log up to it. */
    public long seq() {
        return seq;
    }

    @Override
    public void close() {
        try {
            try {
                connection.rollback();
            } finally {
                // The pool resets isolation, read-only and auto-commit on return.
                connection.close();
            }
        } catch (SQLException e) {
            // Nothing was written; a connection that cannot roll back is discarded by the pool.
        }
    }
}
