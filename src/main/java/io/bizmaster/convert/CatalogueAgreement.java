package io.bizmaster.convert;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandCatalog.CommandType;
import io.bizmaster.store.jdbc.ColumnTypes;
import io.bizmaster.store.jdbc.ColumnTypes.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether every value the catalogue lets through fits the columns a store's converter writes it into: the length of
 * text (in UTF-16 units, never fewer than the characters any engine counts), the range and scale of numbers, the range
 * of the engine's timestamp type, and keys that must not compare without regard to case. A mismatch would otherwise
 * show as commands parked one by one in that store; found at start-up, it names the command type, the field, the
 * store, the table and the column.
 *
 * <p>Checked: YAML converters. A Java converter's values are not visible before it runs; what it writes that a column
 * refuses is parked. A running total ({@code increment}) has no bound in the catalogue and is not checked.
 */
public final class CatalogueAgreement {

    private final Function<String, Optional<CommandType>> catalog;

    public CatalogueAgreement(CommandCatalog catalog) {
        this(catalog::type);
    }

    /** @param types the declaration of a command type, from whichever domain's catalogue holds it */
    public CatalogueAgreement(Function<String, Optional<CommandType>> types) {
        this.catalog = types;
    }

    /** Every mismatch between the catalogue and this store's columns, empty when they agree. */
    public List<String> problems(String store, BConverter converter, Connection c) throws SQLException {
        if (!(converter instanceof YamlConverter yaml)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Column>> tables = new HashMap<>();
        for (Map.Entry<String, List<Operation>> on : yaml.operations().entrySet()) {
            Optional<CommandType> type = catalog.apply(on.getKey());
            if (type.isEmpty()) {
                continue; // a converter may handle types the catalogue no longer declares: none of them can arrive
            }
            for (Operation operation : on.getValue()) {
                String table = operation.table().toUpperCase(Locale.ROOT);
                Map<String, Column> columns = tables.get(table);
                if (columns == null) {
                    columns = ColumnTypes.of(c, operation.table());
                    tables.put(table, columns);
                }
                String where = "store '" + store + "' (converter " + converter.ref() + "), " + operation + ", ";
                boolean writesRows = operation.kind() == OperationKind.INSERT || operation.kind() == OperationKind.UPSERT;
                for (ColumnValue key : operation.keyColumns()) {
                    Column column = columns.get(key.column().toUpperCase(Locale.ROOT));
                    if (column == null) {
                        continue; // the converter's own probe reports a missing column
                    }
                    if (column.family() == ColumnTypes.Family.TEXT && column.ignoresCase()) {
                        problems.add(where + "table " + column.table() + ", key column " + column.name() + " (" + column.describe()
                                + "): compares text without regard to case, so keys that differ only in case ('A-1', 'a-1') "
                                + "would be one row; give the column a case-sensitive collation (e.g. utf8mb4_bin)");
                    }
                    if (writesRows) {
                        fits(where, type.get(), key, column, problems);
                    }
                }
                for (ColumnValue set : operation.setColumns()) {
                    Column column = columns.get(set.column().toUpperCase(Locale.ROOT));
                    if (column != null) {
                        fits(where, type.get(), set, column, problems);
                    }
                }
            }
        }
        return problems;
    }

    private static void fits(String where, CommandType type, ColumnValue value, Column column, List<String> problems) {
        ValueBounds.Bound bound = ValueBounds.of(value.expression(), type);
        String at = where + "table " + column.table() + ", column " + column.name() + " (" + column.describe() + ") = "
                + value.source() + ": ";
        switch (column.family()) {
            case TEXT -> {
                if (column.maxLength() == null || bound.kind() == ValueBounds.Kind.UNKNOWN
                        || bound.kind() == ValueBounds.Kind.NULL) {
                    return;
                }
                Integer length = bound.textLength();
                if (length == null) {
                    problems.add(at + bound.origin() + " has no length limit in the catalogue, the column holds "
                            + column.maxLength() + " characters; give it a maxLength of at most " + column.maxLength());
                } else if (length > column.maxLength()) {
                    problems.add(at + bound.origin() + " can be " + length + " characters long, the column holds "
                            + column.maxLength() + "; lower the catalogue's limit to " + column.maxLength()
                            + " or widen the column");
                }
            }
            case INTEGER, DECIMAL -> {
                if (bound.kind() != ValueBounds.Kind.NUMBER || column.max() == null) {
                    return;
                }
                if (bound.max() == null || bound.max().compareTo(column.max()) > 0
                        || bound.min() == null || bound.min().compareTo(column.min()) < 0) {
                    problems.add(at + bound.origin() + " allows " + range(bound) + ", the column holds "
                            + column.min().toPlainString() + " to " + column.max().toPlainString()
                            + "; narrow min/max in the catalogue or widen the column");
                }
                if (column.scale() != null && (bound.scale() == null || bound.scale() > column.scale())) {
                    problems.add(at + bound.origin() + " allows " + (bound.scale() == null ? "any number of"
                            : String.valueOf(bound.scale())) + " decimals, the column keeps " + column.scale()
                            + " (more would be rounded); set scale: " + column.scale() + " in the catalogue");
                }
            }
            case TIMESTAMP -> {
                if (bound.kind() != ValueBounds.Kind.TIMESTAMP || column.earliest() == null) {
                    return;
                }
                if (bound.earliest().isBefore(column.earliest()) || bound.latest().isAfter(column.latest())) {
                    problems.add(at + bound.origin() + " can be any time from " + bound.earliest() + " to " + bound.latest()
                            + ", the column's " + column.typeName() + " holds " + column.earliest() + " to " + column.latest()
                            + " only; use DATETIME(3) (MariaDB/MySQL) for this column");
                }
            }
            default -> {
            }
        }
    }

    private static String range(ValueBounds.Bound bound) {
        return (bound.min() == null ? "any number" : bound.min().toPlainString()) + " to "
                + (bound.max() == null ? "any number" : bound.max().toPlainString());
    }
}
