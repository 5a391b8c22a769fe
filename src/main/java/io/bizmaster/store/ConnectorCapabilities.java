package io.bizmaster.store;

/**
 * What a connector's stores can do, which decides what BizMaster offers for them (verification, replay) and what it
 * promises (exactly-once or at-least-once).
 *
 * @param verifiable a verifier can read the store's rows back in key order and by key
 * @param replayable a replay can empty what the store's converter owns and apply the log again
 */
public record ConnectorCapabilities(Checkpointing checkpointing, boolean verifiable, boolean replayable) {

    /** How a batch of changes and the store's checkpoint reach the target together. */
    public enum Checkpointing {
        /** In one transaction with the changes: exactly-once. */
        TRANSACTIONAL,
        /** Written idempotently, the checkpoint as the fence a second writer cannot pass: exactly-once in effect. */
        IDEMPOTENT_FENCED,
        /** Kept by BizMaster after the target confirmed the changes: at-least-once; receivers de-duplicate by id. */
        AFTER_CONFIRMATION
    }
}
