package io.bizmaster.migrate;

/** How the target gets the state up to the captured sequence number. */
public enum BackfillMode {
    /** Rebuild from the command log through the target's converter, from 0 or its savepoint ({@link ReplayFrom}). */
    REPLAY,
    /** Copy the source's rows in one consistent snapshot, translated through a declared row mapping. */
    SNAPSHOT
}
