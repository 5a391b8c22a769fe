package io.bizmaster.replay;



/**
 * RESETTING: the store is about to be emptied (from 0) or have its checkpoint set (a savepoint); may run again
 * after a restart, because nothing has been replayed yet. REPLAYING: the reset is committed; a restart goes on
 * from the store's checkpoint and never resets again. DONE and FAILED end it.
 */
public enum ReplayPhase {
    RESETTING, REPLAYING, DONE, FAILED;

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
