package io.bizmaster.migrate;

/** How the target gets the state up to the captured sequence number. */
public enum BackfillMode {
    /** Rebuild from the command log through the target's converter, from seq 0. */
    REPLAY,
    /** Copy the source's rows in one consistent snapshot, translated through a declared row mapping. */
    SNAPSHOT
}
