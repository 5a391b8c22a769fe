package io.bizmaster.log;



/** What the core decided about a command. */
public enum CommandStatus {
    ACCEPTED,
    /** Logged with its reason and applied nowhere. */
    REJECTED
}
