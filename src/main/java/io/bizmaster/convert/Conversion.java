package io.bizmaster.convert;

import java.sql.SQLException;

/**
 * One command converted for a relational store: its statements with every value already computed from the command
 * (the route's convert step), run later in the store's transaction (its write step). A Java converter, which works on
 * the session itself, converts when the conversion is applied.
 */
@FunctionalInterface
public interface Conversion {

    Conversion NOTHING = session -> {
    };

    /** Runs (or batches) the command's statements in the session's transaction. */
    void applyTo(StoreSession session) throws SQLException;
}
