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
 * @param source    where the rows come from: a SELECT over a relational store's tables giving {@code key} and every
 *                  column, or a record store's entity with the field behind each column
 * @param columns   the compared columns (the key excluded) and how each is normalised, in the order declared
 * @param commands  command types whose key is this entity's key: exact types, or prefixes ending in '.'
 */
public record Projection(
        String converter,
        String entity,
        String key,
        Source source,
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
        Objects.requireNonNull(source, "source");
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

    /** Where a projection's rows come from, by the kind of store its converter writes. */
    public sealed interface Source permits Query, Records {
    }

    /** A SELECT over a relational store's own tables, used as a derived table. */
    public record Query(String sql) implements Source {
        public Query {
            if (sql == null || sql.isBlank()) {
                throw new IllegalArgumentException("the query is missing");
            }
        }
    }

    /**
     * The records of one entity of a record store: the record's key is the projection's key, each column a field.
     *
     * @param fields   the field behind each column
     * @param defaults what a record without the field shows for a column (a record store has no NULL: an absent field
     *                 is one, and a counter that was never incremented is absent)
     */
    public record Records(String entity, Map<String, String> fields, Map<String, String> defaults) implements Source {
        public Records {
            Objects.requireNonNull(entity, "entity");
            fields = Map.copyOf(fields);
            defaults = Map.copyOf(defaults);
        }
    }

    /** The SQL of a relational projection. */
    public String query() {
        if (source instanceof Query q) {
            return q.sql();
        }
        throw new VerificationException(this + " reads records of a record store, not SQL");
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
