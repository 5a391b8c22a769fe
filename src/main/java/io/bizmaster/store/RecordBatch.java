package io.bizmaster.store;

import java.util.List;

/**
 * Changes of consecutive logged commands, to be written with the new checkpoint in one atomic step that only succeeds
 * if the store's checkpoint is still {@code from}: a second writer (a former leader, a replay) is fenced out.
 *
 * @param parked commands that could not be converted, kept by the store with their reason in the same step
 */
public record RecordBatch(long from, long to, List<RecordChange> changes, List<Parked> parked) {

    /** A command parked for this store: its key's later commands park behind it. */
    public record Parked(long seq, String commandId, String type, String key, String reason) {
    }
}
