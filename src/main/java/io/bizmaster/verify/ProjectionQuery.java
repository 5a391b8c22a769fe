package io.bizmaster.verify;

import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.store.jdbc.IndexedLookups;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A projection bound to one store of a comparison: its SQL on that store's engine, the compared columns
 * in the comparison's order and this side's normalisation of each. The projection's query is used as a
 * derived table, {@code SELECT p.* FROM (query) p}, so a query and a table mapping are read the same way
 * and columns are found by their labels whatever case the engine folds them to.
 */
public final class ProjectionQuery {

    private final String store;
    private final Projection projection;
    private final List<String> columns;
    private final Normalisation[] rules;
    private Layout layout;

    public ProjectionQuery(String store, Projection projection, List<String> columns, List<Normalisation> rules) {
        this.store = store;
        this.projection = projection;
        this.columns = List.copyOf(columns);
        this.rules = rules.toArray(Normalisation[]::new);
    }

    public String store() {
        return store;
    }

    public Projection projection() {
        return projection;
    }

    /** Where rows come from, for errors: "store legacy, entity customer". */
    String where() {
        return "store " + store + ", entity " + projection.entity();
    }

    /** Reads the result's columns without reading rows: checks the query and finds the key's kind. */
    public KeyOrder keyOrder(Connection c) throws SQLException {
        return layout(c).order;
    }

    /** All rows in key order, read as a stream: the result set is fetched {@code fetchSize} rows at a time. */
    public RowCursor scan(Connection c, int fetchSize) throws SQLException {
        Layout l = layout(c);
        String sql = "SELECT p.* FROM (" + projection.query() + ") p ORDER BY "
                + l.order.orderBy(Dialect.of(c), "p." + projection.key());
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            ps.setFetchSize(fetchSize);
            ResultSet rs = ps.executeQuery();
            return new RowCursor(this, l.order, new RowCursor.Rows() {
                @Override
                public ProjectedRow next() throws SQLException {
                    return rs.next() ? read(l, rs) : null;
                }

                @Override
                public void close() throws SQLException {
                    try {
                        rs.close();
                    } finally {
                        ps.close();
                    }
                }
            });
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** The record store's entity this projection reads, or a {@link VerificationException} for a relational one. */
    Projection.Records records() {
        if (projection.source() instanceof Projection.Records r) {
            return r;
        }
        throw new VerificationException(where() + ": the projection is a query over tables, but the store keeps "
                + "records; declare it with record: ENTITY");
    }

    /** One record as a projected row: each column's field (or its default when absent), normalised. */
    ProjectedRow record(String key, Map<String, String> fields) {
        Projection.Records r = records();
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            String column = columns.get(i);
            String raw = fields.get(r.fields().get(column));
            if (raw == null) {
                raw = r.defaults().get(column);
            }
            try {
                values[i] = rules[i].canonical(raw);
            } catch (IllegalArgumentException e) {
                throw new VerificationException(where() + ", key " + key + ", column " + column + " (field "
                        + r.fields().get(column) + "): " + e.getMessage() + " (declared " + rules[i].describe() + ")", e);
            }
        }
        return new ProjectedRow(key, values);
    }

    /** The rows of these keys that exist, by key. */
    public Map<String, ProjectedRow> lookup(Connection c, Collection<String> keys) throws SQLException {
        return IndexedLookups.read(c, () -> lookupByIndex(c, keys));
    }

    private Map<String, ProjectedRow> lookupByIndex(Connection c, Collection<String> keys) throws SQLException {
        Layout l = layout(c);
        Map<String, ProjectedRow> found = new HashMap<>();
        List<String> bindable = keys.stream().filter(k -> l.order != KeyOrder.INTEGER || isLong(k)).toList();
        boolean array = Dialect.of(c) != Dialect.MARIADB; // MariaDB has no array parameters
        for (int from = 0; from < bindable.size(); from += 500) {
            List<String> batch = bindable.subList(from, Math.min(bindable.size(), from + 500));
            // PostgreSQL and H2: one array parameter, so one statement and one plan for any number of keys. An IN list is
            // a new statement per length, and a plan cached while a table was small went on scanning it whole
            // as it grew: millions of rows read per minute by the inline verifier in the benchmark. H2 reads a
            // projection's derived table once per key either way; an array spares it the IN list's per-key
            // parameter bookkeeping (500-key lookups 3.5-5.6 → 2.1-3.2 ms measured on 200,000 rows).
            String sql = "SELECT p.* FROM (" + projection.query() + ") p WHERE p." + projection.key()
                    + (array ? " = ANY (?)" : " IN (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (array) {
                    java.sql.Array values = l.order == KeyOrder.INTEGER
                            ? c.createArrayOf("BIGINT", batch.stream().map(Long::valueOf).toArray())
                            : c.createArrayOf("VARCHAR", batch.toArray());
                    ps.setArray(1, values);
                } else {
                    for (int i = 0; i < batch.size(); i++) {
                        if (l.order == KeyOrder.INTEGER) {
                            ps.setLong(i + 1, Long.parseLong(batch.get(i)));
                        } else {
                            ps.setString(i + 1, batch.get(i));
                        }
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ProjectedRow row = read(l, rs);
                        // A case- or pad-insensitive collation (MariaDB's default) also returns near-misses.
                        if (keys.contains(row.key())) {
                            found.put(row.key(), row);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean isLong(String key) {
        try {
            Long.parseLong(key);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    ProjectedRow read(Layout l, ResultSet rs) throws SQLException {
        String key;
        if (l.order == KeyOrder.INTEGER) {
            long k = rs.getLong(l.keyIndex);
            key = rs.wasNull() ? null : Long.toString(k);
        } else {
            key = rs.getString(l.keyIndex);
        }
        if (key == null) {
            throw new VerificationException(where() + ": the projection returned a row whose key " + projection.key()
                    + " is NULL; a projection key must identify its row");
        }
        String[] values = new String[l.readers.length];
        for (int i = 0; i < values.length; i++) {
            Object raw = l.readers[i].read(rs, l.indexes[i]);
            try {
                values[i] = rules[i].canonical(raw);
            } catch (IllegalArgumentException e) {
                throw new VerificationException(where() + ", key " + key + ", column " + columns.get(i) + ": "
                        + e.getMessage() + " (declared " + rules[i].describe() + ")", e);
            }
        }
        return new ProjectedRow(key, values);
    }

    private Layout layout(Connection c) throws SQLException {
        if (!(projection.source() instanceof Projection.Query)) {
            throw new VerificationException(where() + ": the projection reads records (record: "
                    + ((Projection.Records) projection.source()).entity() + "), but the store is relational; declare it "
                    + "with query or table");
        }
        if (layout == null) {
            String sql = "SELECT p.* FROM (" + projection.query() + ") p WHERE 1 = 0";
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                layout = Layout.of(this, rs.getMetaData());
            } catch (SQLException e) {
                throw new SQLException(where() + ": the projection query fails: " + e.getMessage(), e.getSQLState(), e);
            }
        }
        return layout;
    }

    /** Where each compared column is in the result and how its values are read. */
    record Layout(int keyIndex, KeyOrder order, int[] indexes, ValueReader[] readers) {

        static Layout of(ProjectionQuery q, ResultSetMetaData md) throws SQLException {
            Map<String, Integer> byLabel = new HashMap<>();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String label = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
                labels.add(label);
                if (byLabel.put(label, i) != null) {
                    throw new VerificationException(q.where() + ": the projection query returns two columns named " + label);
                }
            }
            Integer keyIndex = byLabel.get(q.projection.key());
            if (keyIndex == null) {
                throw new VerificationException(q.where() + ": the projection query returns no key column "
                        + q.projection.key() + "; it returns " + labels);
            }
            KeyOrder order = switch (md.getColumnType(keyIndex)) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> KeyOrder.INTEGER;
                case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                        Types.CLOB, Types.NCLOB -> KeyOrder.TEXT;
                default -> throw new VerificationException(q.where() + ": the key " + q.projection.key() + " is of type "
                        + md.getColumnTypeName(keyIndex) + "; a projection key must be text or an integer (cast it in the query)");
            };
            int[] indexes = new int[q.columns.size()];
            ValueReader[] readers = new ValueReader[q.columns.size()];
            for (int i = 0; i < indexes.length; i++) {
                Integer index = byLabel.get(q.columns.get(i));
                if (index == null) {
                    throw new VerificationException(q.where() + ": the projection query returns no column " + q.columns.get(i)
                            + "; it returns " + labels);
                }
                indexes[i] = index;
                readers[i] = ValueReader.of(md.getColumnType(index), md.getColumnTypeName(index));
            }
            return new Layout(keyIndex, order, indexes, readers);
        }
    }

    /** Reads one column as the Java value that tells the most about it, for {@link Normalisation}. */
    @FunctionalInterface
    interface ValueReader {

        Object read(ResultSet rs, int index) throws SQLException;

        static ValueReader of(int jdbcType, String typeName) {
            String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
            return switch (jdbcType) {
                case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                        Types.CLOB, Types.NCLOB -> ResultSet::getString;
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL -> ResultSet::getBigDecimal;
                case Types.REAL, Types.FLOAT, Types.DOUBLE -> (rs, i) -> {
                    double d = rs.getDouble(i);
                    return rs.wasNull() ? null : d;
                };
                case Types.BOOLEAN -> (rs, i) -> {
                    boolean b = rs.getBoolean(i);
                    return rs.wasNull() ? null : b;
                };
                case Types.DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
                case Types.TIME -> (rs, i) -> rs.getObject(i, LocalTime.class);
                case Types.TIMESTAMP_WITH_TIMEZONE -> (rs, i) -> rs.getObject(i, OffsetDateTime.class);
                // PostgreSQL reports timestamptz as TIMESTAMP; only its type name tells.
                case Types.TIMESTAMP -> name.contains("tz") || name.contains("time zone")
                        ? (rs, i) -> rs.getObject(i, OffsetDateTime.class)
                        : (rs, i) -> rs.getObject(i, LocalDateTime.class);
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ResultSet::getBytes;
                default -> ResultSet::getObject;
            };
        }
    }
}
