package io.bizmaster.store.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a store's columns can hold, read from the database's own metadata: the length of a text column (in characters,
 * as the engine counts them), the range and scale of a number, the range of a timestamp type, whether text compares
 * without regard to case. The catalogue agreement check compares the catalogue's limits with these.
 */
public final class ColumnTypes {

    /** Text columns at least this long are taken as unbounded (TEXT, CLOB). */
    private static final long UNBOUNDED_TEXT = 1_000_000;
    /** MariaDB/MySQL TIMESTAMP: seconds since the epoch in 32 bits. */
    private static final Instant MARIADB_TIMESTAMP_MIN = Instant.parse("1970-01-01T00:00:01Z");
    private static final Instant MARIADB_TIMESTAMP_MAX = Instant.parse("2038-01-19T03:14:07.999999Z");

    public enum Family { TEXT, INTEGER, DECIMAL, TIMESTAMP, OTHER }

    /**
     * One column.
     *
     * @param maxLength   longest text in characters, or null when unbounded
     * @param min         smallest number, or null when unbounded
     * @param max         largest number, or null when unbounded
     * @param scale       decimals kept, or null when not fixed
     * @param earliest    earliest timestamp, or null when the engine's range is wider than any command's
     * @param ignoresCase whether text in it compares without regard to case (a key column must not)
     */
    public record Column(String table, String name, String typeName, Family family, Integer maxLength, BigDecimal min,
                         BigDecimal max, Integer scale, Instant earliest, Instant latest, boolean ignoresCase,
                         String collation) {

        /** As the store shows it: {@code VARCHAR(64)}, {@code DECIMAL(12,2)}. */
        public String describe() {
            return switch (family) {
                case TEXT -> typeName + (maxLength == null ? "" : "(" + maxLength + ")") + (collation == null ? "" : " " + collation);
                case DECIMAL -> typeName + (scale == null ? "" : "(" + (max == null ? "?" : String.valueOf(max.precision())) + "," + scale + ")");
                default -> typeName;
            };
        }
    }

    private ColumnTypes() {
    }

    /** The columns of a table, by upper-cased name; empty when the table is not found. */
    public static Map<String, Column> of(Connection c, String table) throws SQLException {
        Dialect dialect = Dialect.of(c);
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Column> columns = new LinkedHashMap<>();
        for (String candidate : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
            String schema = dialect == Dialect.MARIADB ? null : c.getSchema();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), schema, candidate, "%")) {
                while (rs.next()) {
                    Column column = column(c, dialect, rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
                            rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"), rs.getLong("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"));
                    columns.put(column.name().toUpperCase(Locale.ROOT), column);
                }
            }
            if (!columns.isEmpty()) {
                break;
            }
        }
        return columns;
    }

    private static Column column(Connection c, Dialect dialect, String table, String name, int type, String typeName,
                                 long size, int digits) throws SQLException {
        String upper = typeName.toUpperCase(Locale.ROOT);
        switch (type) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB,
                 Types.NCLOB -> {
                Integer length = size <= 0 || size >= UNBOUNDED_TEXT ? null : (int) size;
                String collation = dialect == Dialect.MARIADB ? collation(c, table, name).orElse(null) : null;
                boolean ignoresCase = upper.contains("IGNORECASE") || upper.equals("CITEXT")
                        || (collation != null && collation.toLowerCase(Locale.ROOT).endsWith("_ci"));
                return new Column(table, name, typeName, Family.TEXT, length, null, null, null, null, null, ignoresCase,
                        collation);
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long bits = switch (type) {
                    case Types.TINYINT -> 8;
                    case Types.SMALLINT -> 16;
                    case Types.INTEGER -> 32;
                    default -> 64;
                };
                BigDecimal max = BigDecimal.valueOf(2).pow((int) bits - 1).subtract(BigDecimal.ONE);
                return new Column(table, name, typeName, Family.INTEGER, null, max.negate().subtract(BigDecimal.ONE), max, 0,
                        null, null, false, null);
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                if (size <= 0 || size > 1000) {
                    return new Column(table, name, typeName, Family.DECIMAL, null, null, null, null, null, null, false, null);
                }
                // DECIMAL(p,s) holds less than 10^(p-s) in magnitude, at s decimals.
                BigDecimal max = BigDecimal.TEN.pow((int) size - digits).subtract(BigDecimal.ONE.movePointLeft(digits));
                return new Column(table, name, typeName, Family.DECIMAL, null, max.negate(), max, digits, null, null, false, null);
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE -> {
                boolean narrow = dialect == Dialect.MARIADB && upper.startsWith("TIMESTAMP");
                return new Column(table, name, typeName, Family.TIMESTAMP, null, null, null, null,
                        narrow ? MARIADB_TIMESTAMP_MIN : null, narrow ? MARIADB_TIMESTAMP_MAX : null, false, null);
            }
            default -> {
                return new Column(table, name, typeName, Family.OTHER, null, null, null, null, null, null, false, null);
            }
        }
    }

    private static Optional<String> collation(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COLLATION_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
