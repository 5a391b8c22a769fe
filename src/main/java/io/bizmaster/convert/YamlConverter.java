package io.bizmaster.convert;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.jdbc.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A converter read from a {@code converters/<name>/v<version>.yaml} file by {@link YamlConverterLoader}.
 * Immutable apart from its counter, so one instance serves every store using this version, concurrently.
 */
public final class YamlConverter implements BConverter {

    private static final Logger LOG = LoggerFactory.getLogger(YamlConverter.class);

    private final ConverterRef ref;
    private final String description;
    private final Path source;
    private final Map<String, List<Operation>> operations;
    private final LongAdder noRowMatched = new LongAdder();

    YamlConverter(ConverterRef ref, String description, Path source, Map<String, List<Operation>> operations) {
        this.ref = ref;
        this.description = description;
        this.source = source;
        this.operations = Map.copyOf(operations);
    }

    @Override
    public ConverterRef ref() {
        return ref;
    }

    @Override
    public boolean handles(String commandType) {
        return operations.containsKey(commandType);
    }

    /**
     * Runs the operations of the command's type in order. A failure names the store, this converter,
     * the command and the operation; SQL failures stay SQLExceptions (same SQLState and category) so
     * callers can still tell a deadlock from bad data.
     */
    @Override
    public void apply(SequencedCommand command, StoreSession session) throws SQLException {
        convert(command, session.store()).applyTo(session);
    }

    /**
     * Computes every value of the command's statements now, so that what is left for the store's transaction is to
     * run them. A failure names the store, this converter, the command and the operation.
     */
    @Override
    public Conversion convert(SequencedCommand command, String store) {
        List<Operation> steps = operations.get(command.command().type());
        if (steps == null) {
            return Conversion.NOTHING;
        }
        Operation.Bound[] bound = new Operation.Bound[steps.size()];
        for (int i = 0; i < bound.length; i++) {
            try {
                bound[i] = steps.get(i).bind(command);
            } catch (ConversionException e) {
                throw new ConversionException(context(command, store, steps.get(i)) + ": " + e.getMessage(), e);
            }
        }
        return session -> {
            for (Operation.Bound b : bound) {
                Operation step = b.operation();
                try {
                    b.execute(session, count -> {
                        if (count == 0 && step.kind().matchesRows()) {
                            // The target row is not there (e.g. a rename of a customer this store never saw). That is
                            // the command's business, not a failure of the store, so it is counted and passed over.
                            noRowMatched.increment();
                            LOG.debug("{}: no row matched", context(command, store, step));
                        }
                    });
                } catch (ConversionException e) {
                    throw new ConversionException(context(command, store, step) + ": " + e.getMessage(), e);
                } catch (SQLException e) {
                    throw SqlErrors.withContext(context(command, store, step), e);
                }
            }
        };
    }

    /**
     * The command's changes to a record store, added to the session in order. A failure names the store, this
     * converter, the command and the operation; nothing of the command is left in the session.
     */
    @Override
    public boolean writesRecords() {
        return true;
    }

    @Override
    public void apply(SequencedCommand command, RecordSession session) {
        List<Operation> steps = operations.get(command.command().type());
        if (steps == null) {
            return;
        }
        int mark = session.size();
        for (Operation step : steps) {
            try {
                session.add(step.recordChange(command));
            } catch (ConversionException e) {
                session.truncate(mark);
                throw new ConversionException("store '" + session.store() + "', converter " + ref + ", command "
                        + command.command().id() + " (" + command.command().type() + ", seq " + command.seq()
                        + "), operation " + step + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks that every table and column this converter writes exists in the store, so that a name that
     * does not match the schema shows when a store starts (or switches version), not at its first command.
     * Use a connection in auto-commit mode: on PostgreSQL a failed query spoils the open transaction.
     *
     * @throws SQLException naming the converter, the operation and the database's complaint
     */
    public void verify(Connection connection) throws SQLException {
        for (List<Operation> steps : operations.values()) {
            for (Operation step : steps) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery(step.probeSql()).close();
                } catch (SQLException e) {
                    throw SqlErrors.withContext("converter " + ref + " does not fit this store: operation " + step, e);
                }
            }
        }
    }

    /** The operations of each command type, in order: what the catalogue agreement check reads. */
    Map<String, List<Operation>> operations() {
        return operations;
    }

    /** How many update, increment or delete operations found no row, since this converter was loaded. */
    public long noRowMatchedCount() {
        return noRowMatched.sum();
    }

    public String description() {
        return description;
    }

    /** The file this converter was read from. */
    public Path source() {
        return source;
    }

    @Override
    public Set<String> tables() {
        Set<String> tables = new java.util.LinkedHashSet<>();
        operations.values().forEach(steps -> steps.forEach(step -> tables.add(step.table())));
        return java.util.Collections.unmodifiableSet(tables);
    }

    public Set<String> commandTypes() {
        return operations.keySet();
    }

    /** The SQL run for a command type on a dialect, in order; for diagnostics and tests. */
    public List<String> statements(String commandType, Dialect dialect) {
        return operations.getOrDefault(commandType, List.of()).stream().map(op -> op.sql(dialect)).toList();
    }

    private String context(SequencedCommand sequenced, String store, Operation step) {
        Command c = sequenced.command();
        return "store '" + store + "', converter " + ref + ", command " + c.id() + " (" + c.type()
                + ", seq " + sequenced.seq() + "), operation " + step;
    }

    @Override
    public String toString() {
        return ref + " (" + source + ")";
    }
}
