package io.bizmaster.pipeline.store;

/** The headers the store-apply route's steps read and set (routes/store-apply.camel.yaml). */
public final class StoreHeaders {

    /** The store's name. */
    public static final String STORE = "BizStore";
    /** The seq the feed message announced: the log has reached it. */
    public static final String SEQ = "BizSeq";
    /** Set by the write step: the store's checkpoint after the batch. */
    public static final String CHECKPOINT = "BizCheckpoint";
    /** Set by the write step: whether the store is still behind {@code BizSeq} and moved (the loop goes on). */
    public static final String BEHIND = "BizBehind";

    private StoreHeaders() {
    }
}
