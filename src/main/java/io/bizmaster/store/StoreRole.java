package io.bizmaster.store;



/** What a store is for. */
public enum StoreRole {
    /** The store the applications read; the system of record among the stores. */
    PRIMARY,
    /** Fed the same commands as the primary, never slowing it down; verified against it. */
    SHADOW,
    /** Registered but fed nothing: no queue consumer, no applies. */
    DETACHED
}
