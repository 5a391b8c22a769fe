package io.bizmaster.convert;

import io.bizmaster.store.jdbc.Dialect;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the SQL of one operation for each dialect. Identifiers were checked by {@link SqlIdentifiers};
 * values are always '?' parameters. Parameters come in the same order on every dialect:
 * insert/upsert: row columns (key then set); update/increment: set (add, then set) then key; delete: key.
 */
final class OperationSql {

    private OperationSql() {
    }

    static Map<Dialect, String> render(OperationKind kind, String table, List<String> key, List<String> set, List<String> add) {
        Map<Dialect, String> sql = new EnumMap<>(Dialect.class);
        for (Dialect dialect : Dialect.values()) {
            sql.put(dialect, render(kind, dialect, table, key, set, add));
        }
        return sql;
    }

    private static String render(OperationKind kind, Dialect dialect, String table, List<String> key, List<String> set, List<String> add) {
        return switch (kind) {
            case INSERT -> insert(table, Stream.concat(key.stream(), set.stream()).toList());
            case UPSERT -> upsert(dialect, table, key, set);
            case UPDATE -> "UPDATE " + table + " SET " + join(set, c -> c + " = ?") + where(key);
            case INCREMENT -> "UPDATE " + table + " SET "
                    + join(Stream.concat(add.stream().map(c -> c + " = COALESCE(" + c + ", 0) + ?"), set.stream().map(c -> c + " = ?")).toList(), c -> c)
                    + where(key);
            case DELETE -> "DELETE FROM " + table + where(key);
        };
    }

    private static String insert(String table, List<String> row) {
        return "INSERT INTO " + table + " (" + join(row, c -> c) + ") VALUES (" + join(row, c -> "?") + ")";
    }

    private static String upsert(Dialect dialect, String table, List<String> key, List<String> set) {
        List<String> row = Stream.concat(key.stream(), set.stream()).toList();
        String columns = " (" + join(row, c -> c) + ")";
        String values = " VALUES (" + join(row, c -> "?") + ")";
        return switch (dialect) {
            case H2 -> "MERGE INTO " + table + columns + " KEY (" + join(key, c -> c) + ")" + values;
            case POSTGRESQL -> "INSERT INTO " + table + columns + values + " ON CONFLICT (" + join(key, c -> c) + ") "
                    + (set.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + join(set, c -> c + " = EXCLUDED." + c));
            // MariaDB has no DO NOTHING; assigning a key column to itself is the no-op that keeps other errors visible
            // (INSERT IGNORE would also swallow truncation and NOT NULL errors).
            case MARIADB -> "INSERT INTO " + table + columns + values + " ON DUPLICATE KEY UPDATE "
                    + (set.isEmpty() ? key.get(0) + " = " + key.get(0) : join(set, c -> c + " = VALUES(" + c + ")"));
        };
    }

    private static String where(List<String> key) {
        return " WHERE " + key.stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
    }

    private static String join(List<String> columns, Function<String, String> f) {
        return columns.stream().map(f).collect(Collectors.joining(", "));
    }
}
