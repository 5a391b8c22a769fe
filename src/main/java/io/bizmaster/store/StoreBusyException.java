package io.bizmaster.store;



/** An operator verb on a store that an operation (a replay) holds: a conflict with the store's state (409). */
public class StoreBusyException extends IllegalStateException {

    public StoreBusyException(Store store, String verb) {
        super("cannot " + verb + " store '" + store.name() + "': " + store.busyWith()
                + "; wait for it to end (GET /api/stores/" + store.name() + "/replay)");
    }

    /** @throws StoreBusyException if an operation holds the store */
    public static void check(Store store, String verb) {
        if (store.busyWith() != null) {
            throw new StoreBusyException(store, verb);
        }
    }
}
