package io.bizmaster.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What became of one logged command in one store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandOutcome(String store, State state, String reason) {

    public enum State {
        /** The store's checkpoint has passed it and its converter changed the store. */
        APPLIED,
        /** The store's checkpoint has passed it; its converter has nothing to do for this type. */
        IGNORED,
        /** Rejected by the intake: no store applies it. */
        SKIPPED,
        /** Waiting in the store's queue. */
        PENDING,
        /** The store is stuck at it and retrying. */
        FAILED,
        /** The store could not apply it (or an earlier command of its key): it is parked there, with the reason. */
        PARKED,
        /** Not for the store: another domain's command, or one none of a subscriber's subscriptions passes. */
        WITHHELD,
        /** The store is detached and fed nothing. */
        DETACHED
    }
}
