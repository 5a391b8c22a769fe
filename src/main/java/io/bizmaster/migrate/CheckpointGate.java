package io.bizmaster.migrate;

import io.bizmaster.store.StoreRegistry;

/**
 * The gate used when no verifier is installed: it only checks that the target has applied what the source
 * has (both checkpoints), and says so in its summary so nobody mistakes it for a row comparison.
 */
public class CheckpointGate implements VerificationGate {

    private final StoreRegistry stores;

    public CheckpointGate(StoreRegistry stores) {
        this.stores = stores;
    }

    @Override
    public Result full(String migrationId, String source, String target) {
        long s = stores.get(source).knownCheckpoint();
        long t = stores.get(target).knownCheckpoint();
        return new Result(t >= 0 && s >= 0, "checkpoints only (no verifier installed): " + source + " at " + s + ", "
                + target + " at " + t);
    }

    @Override
    public Result changedSince(String migrationId, String source, String target, long afterSeq, long seq) {
        long s = stores.get(source).knownCheckpoint();
        long t = stores.get(target).knownCheckpoint();
        return new Result(s == seq && t == seq, "checkpoints only (no verifier installed): " + source + " at " + s + ", "
                + target + " at " + t + ", drained to " + seq);
    }
}
