package io.bizmaster.verify;

import java.sql.SQLException;

/**
 * The rows of one projection in key order, one at a time. Every key is checked to come strictly after
 * the one before in {@link KeyOrder}: a duplicate key or an engine sorting otherwise would make the
 * merge report rows as missing that are not, so either stops the verification with the keys named.
 */
public final class RowCursor implements AutoCloseable {

    /** Where the rows come from: a result set, or pages of a record store. */
    interface Rows {
        /** The next row, or null after the last. */
        ProjectedRow next() throws SQLException;

        void close() throws SQLException;
    }

    private final ProjectionQuery query;
    private final KeyOrder order;
    private final Rows rows;
    private String previous;

    RowCursor(ProjectionQuery query, KeyOrder order, Rows rows) {
        this.query = query;
        this.order = order;
        this.rows = rows;
    }

    /** The next row, or null after the last. */
    public ProjectedRow next() throws SQLException {
        ProjectedRow row = rows.next();
        if (row == null) {
            return null;
        }
        if (previous != null) {
            int c = order.compare(previous, row.key());
            if (c == 0) {
                throw new VerificationException(query.where() + ": the projection returns key " + row.key()
                        + " twice; a projection key must be unique (join to at most one row per key)");
            }
            if (c > 0) {
                throw new VerificationException(query.where() + ": the store returned key " + row.key() + " after "
                        + previous + ", which is not in Unicode code-point order; the verification stops rather "
                        + "than report rows as missing that are only sorted differently (check the key column's collation)");
            }
        }
        previous = row.key();
        return row;
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
