package io.bizmaster.migrate.store;



/**
 * What a migration asks of verification: a full comparison of source and target gates READY, and the keys
 * changed since then are compared again inside the cut-over's freeze. Kept behind this interface so the
 * workflow does not depend on how stores are compared.
 */
public interface VerificationGate {

    /** @param verifiedSeq the seq at which the stores were proven equal, when they were */
    record Result(boolean passed, String summary, Long verifiedSeq) {
    }

    /** Compares everything the two stores hold. Both keep moving; an implementation must allow for that. */
    Result full(String migrationId, String source, String target);

    /** Inside the freeze, both stores at {@code seq}: compares the keys changed after {@code afterSeq}. */
    Result changedSince(String migrationId, String source, String target, long afterSeq, long seq);

    /**
     * While both stores move (READY, between cut-overs): compares the keys changed after {@code afterSeq} up to
     * the seq both have applied, and proves the stores equal there if only keys changed again since differ.
     */
    Result changedSinceLive(String migrationId, String source, String target, long afterSeq);

    /** How many keys commands changed in afterSeq+1..seq: what a cut-over at {@code seq} would re-verify. */
    long changedKeyCount(String source, String target, long afterSeq, long seq);
}
