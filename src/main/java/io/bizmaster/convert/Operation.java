package io.bizmaster.convert;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.RecordChange;
import io.bizmaster.store.jdbc.Dialect;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a converter: its SQL for every dialect, written at load time, and the expressions
 * for its parameters. Applying it is evaluate, prepare (cached by the session), bind, execute.
 */
final class Operation {

    /** A '?' of the statement; {@code nullProblem} says why null is refused there, or is null when null is fine. */
    private record Parameter(ColumnValue value, String nullProblem) {
    }

    private final String place;
    private final OperationKind kind;
    private final String table;
    private final List<Parameter> parameters;
    /** Which parameters identify the row; empty for an insert that declares no key. */
    private final int[] keyIndexes;
    private final Map<Dialect, String> sql;
    private final String probe;
    private final List<ColumnValue> keyColumns;
    private final List<ColumnValue> setColumns;
    private final List<ColumnValue> addColumns;

    Operation(String place, OperationKind kind, String table, List<ColumnValue> key, List<ColumnValue> set, List<ColumnValue> add) {
        this.place = place;
        this.kind = kind;
        this.table = table;
        this.sql = Map.copyOf(OperationSql.render(kind, table, names(key), names(set), names(add)));
        this.keyColumns = List.copyOf(key);
        this.setColumns = List.copyOf(set);
        this.addColumns = List.copyOf(add);
        List<Parameter> params = new ArrayList<>();
        String keyNull = "a key column evaluated to null; keys identify the row and cannot be null";
        int keyStart;
        if (kind == OperationKind.INSERT || kind == OperationKind.UPSERT) {
            keyStart = 0;
            key.forEach(c -> params.add(new Parameter(c, keyNull)));
            set.forEach(c -> params.add(new Parameter(c, null)));
        } else {
            add.forEach(c -> params.add(new Parameter(c, "increment by null would set the column to null")));
            set.forEach(c -> params.add(new Parameter(c, null)));
            keyStart = params.size();
            key.forEach(c -> params.add(new Parameter(c, keyNull)));
        }
        this.parameters = List.copyOf(params);
        this.keyIndexes = java.util.stream.IntStream.range(keyStart, keyStart + key.size()).toArray();
        this.probe = "SELECT " + String.join(", ", parameters.stream().map(p -> p.value().column()).toList()) + " FROM " + table + " WHERE 1 = 0";
    }

    String table() {
        return table;
    }

    OperationKind kind() {
        return kind;
    }

    /** The columns that identify the row. */
    List<ColumnValue> keyColumns() {
        return keyColumns;
    }

    /** The columns set to a value (an insert's, an upsert's or an update's). */
    List<ColumnValue> setColumns() {
        return setColumns;
    }

    /** The columns an increment adds to. */
    List<ColumnValue> addColumns() {
        return addColumns;
    }

    String sql(Dialect dialect) {
        return sql.get(dialect);
    }

    /**
     * A query naming the same table and columns, unquoted like the real statement, so it fails exactly
     * when they would not be found (including case differences on MariaDB) without touching any row.
     */
    String probeSql() {
        return probe;
    }

    /** Runs (or batches) the statement; {@code onCount} is told its update count when that is known. */
    void execute(SequencedCommand command, StoreSession session, java.util.function.IntConsumer onCount)
            throws SQLException {
        bind(command).execute(session, onCount);
    }

    /** The statement's values computed from the command, to run later in a store's transaction. */
    final class Bound {
        private final Object[] values;
        private final List<Object> row;

        private Bound(Object[] values, List<Object> row) {
            this.values = values;
            this.row = row;
        }

        Operation operation() {
            return Operation.this;
        }

        /** Runs (or batches) the statement; {@code onCount} is told its update count when that is known. */
        void execute(StoreSession session, java.util.function.IntConsumer onCount) throws SQLException {
            StoreSession.Binder binder = ps -> {
                for (int i = 0; i < values.length; i++) {
                    ColumnValue column = parameters.get(i).value();
                    try {
                        ParameterBinder.bind(ps, i + 1, values[i]);
                    } catch (ConversionException e) {
                        throw new ConversionException(describe(column) + ": " + e.getMessage(), e);
                    } catch (SQLException e) {
                        throw SqlErrors.withContext(describe(column), e);
                    }
                }
            };
            session.execute(sql.get(session.dialect()), table, row, binder, onCount);
        }
    }

    /**
     * Computes the statement's values from the command.
     *
     * @throws ConversionException when an expression fails or gives NULL where the column cannot take it
     */
    Bound bind(SequencedCommand command) {
        Object[] values = new Object[parameters.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnValue column = parameters.get(i).value();
            try {
                values[i] = column.expression().evaluate(command);
            } catch (RuntimeException e) {
                throw new ConversionException(describe(column) + ": " + e.getMessage(), e);
            }
            if (values[i] == null && parameters.get(i).nullProblem() != null) {
                throw new ConversionException(describe(column) + ": " + parameters.get(i).nullProblem());
            }
        }
        List<Object> row = null;
        if (keyIndexes.length > 0) {
            row = new ArrayList<>(keyIndexes.length);
            for (int index : keyIndexes) {
                row.add(values[index]);
            }
        }
        return new Bound(values, row);
    }

    /**
     * The change this operation makes to a record store: the table is the entity, the key columns' values (joined by
     * '|' when there are several) the record's key, the set columns its fields. Values are written as text in one
     * canonical form per type, so two stores that agree show the same text.
     */
    RecordChange recordChange(SequencedCommand command) {
        if (keyColumns.isEmpty()) {
            throw new ConversionException("a record store needs a key for every operation; this " + kind.word()
                    + " declares none");
        }
        List<String> key = new ArrayList<>(keyColumns.size());
        for (ColumnValue column : keyColumns) {
            Object value = evaluate(column, command);
            if (value == null) {
                throw new ConversionException(describe(column) + ": a key column evaluated to null; keys identify the "
                        + "record and cannot be null");
            }
            key.add(RecordValues.text(value));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (ColumnValue column : setColumns) {
            Object value = evaluate(column, command);
            fields.put(column.column(), value == null ? null : RecordValues.text(value));
        }
        Map<String, Number> adds = new LinkedHashMap<>();
        for (ColumnValue column : addColumns) {
            Object value = evaluate(column, command);
            if (!(value instanceof Number number)) {
                throw new ConversionException(describe(column) + ": an increment needs a number, got "
                        + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
            }
            adds.put(column.column(), number);
        }
        RecordChange.Kind recordKind = RecordChange.Kind.valueOf(kind.name());
        return new RecordChange(recordKind, table, String.join("|", key), fields, adds,
                command.seq(), command.command().id());
    }

    private static Object evaluate(ColumnValue column, SequencedCommand command) {
        try {
            return column.expression().evaluate(command);
        } catch (RuntimeException e) {
            throw new ConversionException(describe(column) + ": " + e.getMessage(), e);
        }
    }

    private static String describe(ColumnValue column) {
        return "column " + column.column() + " = " + column.source();
    }

    private static List<String> names(List<ColumnValue> columns) {
        return columns.stream().map(ColumnValue::column).toList();
    }

    @Override
    public String toString() {
        return place + " (" + kind.word() + " " + table + ")";
    }
}
