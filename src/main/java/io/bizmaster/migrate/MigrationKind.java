package io.bizmaster.migrate;

/** What a migration moves. */
public enum MigrationKind {
    /** A store to primary (seed scenario 3): a new store is filled, shadows the primary, and takes its role. */
    STORE,
    /** The business store itself — command log and BizMaster's own tables — to another database (seed scenario 6). */
    LOG
}
