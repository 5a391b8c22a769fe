package io.bizmaster.apply;

import io.bizmaster.log.LogEntry;
import java.util.List;

/**
 * The route's read step: the logged commands after a store's checkpoint, in seq order, that its next transaction
 * applies. What a user step between the steps sees as the body: {@code ${body.store}}, {@code ${body.from}},
 * {@code ${body.to}}, {@code ${body.size}}.
 *
 * @param from the store's checkpoint the batch starts after; the write is refused if it moved meanwhile
 */
public record StoreBatch(String store, long from, List<LogEntry> entries) {

    public StoreBatch {
        entries = List.copyOf(entries);
    }

    /** The seq the store is at once the batch is written: the last entry's, or {@code from} when empty. */
    public long to() {
        return entries.isEmpty() ? from : entries.get(entries.size() - 1).seq();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return "store " + store + ": seq " + (from + 1) + ".." + to() + " (" + entries.size() + " commands)";
    }
}
