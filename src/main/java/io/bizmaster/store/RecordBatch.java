package io.bizmaster.store;

import io.bizmaster.store.jdbc.ParkedCommands;
import java.util.List;
import java.util.Map;

/**
 * Changes of consecutive logged commands, to be written with the new checkpoint in one atomic step that only succeeds
 * if the store's checkpoint is still {@code from}: a second writer (a former leader, a replay) is fenced out.
 *
 * @param parked     commands that could not be converted, kept by the store with their reason in the same step
 * @param settlement commands parked earlier that an operator's retry or skip settles in the same step (then
 *                   {@code from == to}: the checkpoint stays, and still fences)
 */
public record RecordBatch(long from, long to, List<RecordChange> changes, List<Parked> parked, Settlement settlement) {

    public RecordBatch(long from, long to, List<RecordChange> changes, List<Parked> parked) {
        this(from, to, changes, parked, Settlement.NONE);
    }

    /** A command parked for this store: its key's later commands park behind it. */
    public record Parked(long seq, String commandId, String type, String key, String reason) {
    }

    /**
     * Parked commands as they are now: {@code APPLIED} ones leave the list, {@code PARKED} ones keep a newer reason,
     * {@code SKIPPED} ones stay listed with why; {@code stillParked} says for each key they hold whether a command of it
     * is still parked (its later commands then keep parking behind it).
     */
    public record Settlement(List<ParkedCommands.Parked> entries, Map<String, Boolean> stillParked) {
        public static final Settlement NONE = new Settlement(List.of(), Map.of());

        public Settlement {
            entries = List.copyOf(entries);
            stillParked = Map.copyOf(stillParked);
        }
    }
}
