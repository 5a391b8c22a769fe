package io.bizmaster.convert;

import io.bizmaster.store.RecordChange;
import java.util.ArrayList;
import java.util.List;

/**
 * What converters hand a record store: the changes of one batch, in command order. Nothing reaches the store until the
 * applier writes the whole batch with its checkpoint.
 */
public final class RecordSession {

    private final String store;
    private final List<RecordChange> changes = new ArrayList<>();

    public RecordSession(String store) {
        this.store = store;
    }

    public String store() {
        return store;
    }

    public void add(RecordChange change) {
        changes.add(change);
    }

    /** How many changes so far: a mark to {@link #truncate} to when a command's conversion fails half-way. */
    public int size() {
        return changes.size();
    }

    public void truncate(int size) {
        changes.subList(size, changes.size()).clear();
    }

    public List<RecordChange> changes() {
        return changes;
    }
}
