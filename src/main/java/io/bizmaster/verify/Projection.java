package io.bizmaster.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entity as one converter's schema holds it, projected onto columns every schema can show: a query
 * over the converter's tables whose result has a unique {@code key} column and the entity's columns under
 * common names. Declared in {@code converters/<converter>/projections.yaml}.
 *
 * @param converter the converter name whose schema the query reads
 * @param entity    the entity's name, the same in every converter's projections
 * @param key       the result column identifying a row; it must equal the key of the commands that change it
 * @param query     a SELECT over the store's own tables giving {@code key} and every column in {@code columns}
 * @param columns   the compared columns (the key excluded) and how each is normalised, in the order declared
 * @param commands  command types whose key is this entity's key: exact types, or prefixes ending in '.'
 */
public record Projection(
        String converter,
        String entity,
        String key,
        String query,
        Map<String, Normalisation> columns,
        List<String> commands) {

    static final Pattern ENTITY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public Projection {
        Objects.requireNonNull(converter, "converter");
        if (entity == null || !ENTITY.matcher(entity).matches()) {
            throw new IllegalArgumentException("entity name '" + entity + "' must match " + ENTITY.pattern());
        }
        if (key == null || !COLUMN.matcher(key).matches()) {
            throw new IllegalArgumentException("entity " + entity + ": key column '" + key + "' must match " + COLUMN.pattern());
        }
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("entity " + entity + ": the query is missing");
        }
        columns = new LinkedHashMap<>(columns);
        columns.remove(key);
        for (String column : columns.keySet()) {
            if (!COLUMN.matcher(column).matches()) {
                throw new IllegalArgumentException("entity " + entity + ": column name '" + column + "' must match "
                        + COLUMN.pattern() + " (lower case: engines fold unquoted names differently)");
            }
        }
        columns = Collections.unmodifiableMap(columns);
        commands = List.copyOf(commands);
    }

    /** Whether a command of this type changes the row of this entity named by the command's key. */
    public boolean changedBy(String commandType) {
        if (commandType == null) {
            return false;
        }
        for (String pattern : commands) {
            if (pattern.endsWith(".") ? commandType.startsWith(pattern) : commandType.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "projection of entity " + entity + " in converter " + converter;
    }
}
