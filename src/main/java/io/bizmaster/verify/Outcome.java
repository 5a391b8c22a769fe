package io.bizmaster.verify;



/** What a finished verification proved. */
public enum Outcome {
    /** Every key compared equal, each with both stores at the same seq for it. */
    EQUAL,
    /** At least one difference survived the re-check. */
    DIFFERENT,
    /**
     * No difference found, but some keys changed while verifying could not be compared with both stores at
     * the same seq before the settle timeout (a store paused, far behind, or a key changing all the time).
     */
    INCONCLUSIVE,
    /**
     * No difference among the keys compared, but some keys have a command parked in one of the stores (it could not
     * apply them): those keys were not compared, so the stores are not proven equal until the parked commands are
     * retried or skipped.
     */
    PARKED
}
