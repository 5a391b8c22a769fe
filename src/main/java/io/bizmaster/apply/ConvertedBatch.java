package io.bizmaster.apply;

import io.bizmaster.convert.Conversion;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.RecordChange;
import java.util.List;

/**
 * The route's convert step: a {@link StoreBatch} through the store's b_converter. Each command is converted, not
 * handled by the converter (nothing to do), or could not be converted (it parks, with the reason, in the write step).
 * Nothing has touched the store yet.
 */
public record ConvertedBatch(StoreBatch batch, List<Converted> commands) {

    public ConvertedBatch {
        commands = List.copyOf(commands);
    }

    /**
     * One command as converted.
     *
     * @param handled    whether the store's converter changes anything for the command (accepted, of a type it handles)
     * @param conversion for a relational store: the statements to run (null when not handled or failed)
     * @param changes    for a record store: the changes to write (empty when not handled or failed)
     * @param failure    why it could not be converted, or null
     */
    public record Converted(LogEntry entry, boolean handled, Conversion conversion, List<RecordChange> changes,
                            String failure) {

        static Converted notHandled(LogEntry entry) {
            return new Converted(entry, false, null, List.of(), null);
        }
    }

    public String store() {
        return batch.store();
    }

    public long from() {
        return batch.from();
    }

    public long to() {
        return batch.to();
    }

    public int size() {
        return commands.size();
    }

    /** The first {@code n} commands: what a failure at the n-th leaves to commit. */
    ConvertedBatch prefix(int n) {
        return new ConvertedBatch(new StoreBatch(batch.store(), batch.from(), batch.entries().subList(0, n)),
                commands.subList(0, n));
    }

    @Override
    public String toString() {
        return batch + ", converted";
    }
}
