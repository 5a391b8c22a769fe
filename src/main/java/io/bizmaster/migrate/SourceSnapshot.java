package io.bizmaster.migrate;

import io.bizmaster.convert.Dialect;
import io.bizmaster.store.Checkpoints;
import io.bizmaster.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One consistent snapshot of a source store: its checkpoint and every row read through it belong to the same
 * sequence number N, so catch-up from N+1 applies each later command exactly once. A fuzzy read (rows from
 * after N) would apply a relative command such as "add 10 to the balance" twice.
 * PostgreSQL: REPEATABLE READ (a snapshot at the first statement); H2: SERIALIZABLE (its REPEATABLE READ
 * allows phantoms); MariaDB: START TRANSACTION WITH CONSISTENT SNAPSHOT.
 */
final class SourceSnapshot implements AutoCloseable {

    private final Connection connection;
    private final long seq;

    SourceSnapshot(Store source) throws SQLException {
        Connection c = source.connection();
        try {
            Dialect dialect = Dialect.of(c);
            c.setAutoCommit(false);
            c.setReadOnly(dialect != Dialect.H2);
            switch (dialect) {
                case POSTGRESQL -> c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                case H2 -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                case MARIADB -> {
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    try (Statement s = c.createStatement()) {
                        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                    }
                }
            }
            // The first read fixes the snapshot: the checkpoint, then the rows, all as of the same seq.
            this.seq = Checkpoints.read(c, source.name());
            this.connection = c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    long seq() {
        return seq;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } finally {
            connection.close();
        }
    }
}
