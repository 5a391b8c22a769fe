package io.bizmaster.convert;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.ConverterRef;
import java.sql.SQLException;

/**
 * Turns one command into changes in one store's schema. YAML files in {@code converters/} cover the
 * common case; anything else implements this interface as a Spring bean.
 *
 * <p>A converter runs inside the store's transaction; it must not commit, and it must be
 * deterministic: the same command on the same state gives the same changes.
 */
public interface BConverter {

    ConverterRef ref();

    /** Whether this converter changes anything for the command type; others are applied as no-ops. */
    boolean handles(String commandType);

    void apply(SequencedCommand command, StoreSession session) throws SQLException;

    /**
     * The command converted ahead of the store's transaction, for the route's convert step. A Java converter works on
     * the session, so by default it converts when the conversion is applied, in the write step.
     *
     * @throws ConversionException (or any runtime failure) when the command cannot be converted: it parks
     */
    default Conversion convert(SequencedCommand command, String store) {
        return session -> apply(command, session);
    }

    /**
     * The command's changes to a record store (Redis). The YAML converters write the same operations to records as
     * to tables; a Java converter that writes SQL only leaves this as it is, and a record store refuses it at start-up.
     */
    default void apply(SequencedCommand command, RecordSession session) {
        throw new UnsupportedOperationException("converter " + ref() + " writes SQL only; a record store needs one "
                + "that writes records (a YAML converter, or a Java one implementing apply(command, RecordSession))");
    }

    /** Whether {@link #apply(SequencedCommand, RecordSession)} is implemented. */
    default boolean writesRecords() {
        return false;
    }

    /**
     * The tables this converter writes, so a store can be emptied before it is rebuilt from the command log
     * ({@code replay --from 0}). Empty when a converter does not say: such a store is never emptied blindly.
     */
    default java.util.Set<String> tables() {
        return java.util.Set.of();
    }
}
