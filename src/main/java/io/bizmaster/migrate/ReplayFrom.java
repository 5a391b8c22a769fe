package io.bizmaster.migrate;



/** Where a replay backfill starts ({@code from:} in the migration's YAML). */
public enum ReplayFrom {
    /** {@code from: 0}: the target is emptied (the tables its converter writes, checkpoint 0) and rebuilt from seq 1. */
    ZERO,
    /**
     * {@code from: savepoint} (the default): the target continues from its own checkpoint as found, e.g. a backup
     * restored with its checkpoint table, or a store an earlier replay or cancelled migration left at some seq.
     */
    SAVEPOINT
}
