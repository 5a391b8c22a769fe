package io.bizmaster.store;

/**
 * A store that is not relational could not be reached (refused, reset, timed out): transient, retried with back-off
 * and watched by the recovery probe, never parked. Relational stores say the same through their SQLState.
 */
public class StoreUnreachableException extends RuntimeException {

    public StoreUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
