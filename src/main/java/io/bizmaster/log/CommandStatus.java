package io.bizmaster.log;



/** What the core decided about a command. */
public enum CommandStatus {
    ACCEPTED,
    /** Logged with its reason and applied nowhere. */
    REJECTED,
    /**
     * Never in the log: what a store's batch shows in place of an entry that is not for that store (another domain's
     * command, or one no publication hands to it). Only its seq is kept, so the store still sees every number.
     */
    WITHHELD
}
