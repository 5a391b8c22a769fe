package io.bizmaster.store;

/**
 * Something that speaks SQL (a verification, a snapshot copy, a Java converter) was asked of a record store. The
 * message names the store and its connector; the caller adds what it was doing.
 */
public class NotRelationalException extends IllegalStateException {

    public NotRelationalException(Store store) {
        super("store '" + store.name() + "' is on connector '" + store.connector() + "', which keeps records by key, "
                + "not SQL tables: this needs a relational store");
    }
}
