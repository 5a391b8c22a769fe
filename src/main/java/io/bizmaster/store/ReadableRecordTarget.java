package io.bizmaster.store;

import java.util.Collection;

/**
 * A record store that can read its records back, in key order and by key, each read atomically with the checkpoint it
 * is as of: what a verification needs. A write-only target (a feed to another system) is a {@link RecordTarget} only.
 */
public interface ReadableRecordTarget extends RecordTarget {

    /**
     * Up to {@code limit} records of an entity in key order after {@code afterKey} (exclusive; null: from the start),
     * with the checkpoint they are as of.
     */
    RecordPage page(String entity, String afterKey, int limit);

    /** The records of these keys that exist, with the checkpoint they are as of. */
    RecordPage lookup(String entity, Collection<String> keys);
}
