package io.bizmaster.migrate;



/**
 * Where a migration is. The happy path runs top to bottom; ROLLED_BACK and CANCELLED are the other ends.
 * Every phase is persisted, so a restart resumes in the phase it stopped in.
 */
public enum MigrationPhase {
    /** Defined, nothing done yet: the target's queue is not bound. */
    CREATED,
    /** Target's queue bound, capture sequence N fixed; the target is filled up to N. */
    BACKFILLING,
    /** The target applies N+1 up to the head from its queue and the log. */
    CATCHING_UP,
    /** The target follows live traffic as a shadow; a full verification gates READY. */
    SHADOWING,
    /** Verified and caught up: a cut-over may start. */
    READY,
    /** Intake paused, stores draining: the freeze window is open. */
    FREEZING,
    /** The target is primary, the source a shadow still fed (rollback loses nothing). */
    CUT_OVER,
    /** The source is detached: the migration is over. */
    COMPLETED,
    /** Roles flipped back after a cut-over: the source is primary again, the target a shadow. */
    ROLLED_BACK,
    /** The target's feed is dropped. */
    CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == CANCELLED;
    }
}
