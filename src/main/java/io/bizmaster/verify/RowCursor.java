package io.bizmaster.verify;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The rows of one projection in key order, one at a time. Every key is checked to come strictly after
 * the one before in {@link KeyOrder}: a duplicate key or an engine sorting otherwise would make the
 * merge report rows as missing that are not, so either stops the verification with the keys named.
 */
public final class RowCursor implements AutoCloseable {

    private final ProjectionQuery query;
    private final ProjectionQuery.Layout layout;
    private final KeyOrder order;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private String previous;

    RowCursor(ProjectionQuery query, ProjectionQuery.Layout layout, PreparedStatement statement, ResultSet rows) {
        this.query = query;
        this.layout = layout;
        this.order = layout.order();
        this.statement = statement;
        this.rows = rows;
    }

    /** The next row, or null after the last. */
    public ProjectedRow next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        ProjectedRow row = query.read(layout, rows);
        if (previous != null) {
            int c = order.compare(previous, row.key());
            if (c == 0) {
                throw new VerificationException(query.where() + ": the projection returns key " + row.key()
                        + " twice; a projection key must be unique (join to at most one row per key)");
            }
            if (c > 0) {
                throw new VerificationException(query.where() + ": the engine returned key " + row.key() + " after "
                        + previous + ", which is not in Unicode code-point order; the verification stops rather "
                        + "than report rows as missing that are only sorted differently (check the key column's collation)");
            }
        }
        previous = row.key();
        return row;
    }

    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            statement.close();
        }
    }
}
