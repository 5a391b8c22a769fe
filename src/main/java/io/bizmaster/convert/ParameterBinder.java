package io.bizmaster.convert;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.TimeZone;

/** Binds expression values as JDBC parameters, the same way on every engine. */
final class ParameterBinder {

    private ParameterBinder() {
    }

    /** @throws ConversionException for values no column can hold (JSON objects and arrays) */
    static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            // Types.NULL leaves the type open: PostgreSQL then takes the column's type, where a typed
            // null (say VARCHAR) is refused by numeric and timestamp columns.
            ps.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long || value instanceof Integer) {
            ps.setLong(index, ((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof Timestamp t) {
            bindTime(ps, index, t.toInstant());
        } else if (value instanceof Instant i) {
            bindTime(ps, index, i);
        } else {
            throw new ConversionException("cannot store " + Values.kind(value)
                    + " in a column; pick a field inside it, or use string(...) to store its JSON text");
        }
    }

    /**
     * Stores hold UTC wall-clock time, whatever zone the JVM writing them runs in; otherwise two stores fed
     * the same command from differently configured hosts would disagree. And they hold milliseconds: given
     * 10:00:00.123789 for a TIMESTAMP(3), MariaDB truncates to .123 where H2 and PostgreSQL round to .124,
     * so without the truncation here the same command would differ between engines.
     */
    private static void bindTime(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setTimestamp(index, Timestamp.from(instant.truncatedTo(ChronoUnit.MILLIS)), utc());
    }

    private static Calendar utc() {
        // Calendars are mutable and drivers may set fields on them, so each bind gets its own.
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
