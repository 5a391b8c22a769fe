package io.bizmaster.store;

/**
 * What a connector opens for one store: a relational database (converters write SQL, the checkpoint commits in the
 * same transaction) or a record store (converters' operations become changes to records by key, written with the
 * checkpoint in one atomic, fenced step).
 */
public sealed interface StoreTarget extends AutoCloseable permits RelationalTarget, RecordTarget {

    /** Releases connections; never throws. */
    @Override
    void close();
}
