package io.bizmaster.convert;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * The few value kinds expressions produce (String, Long, BigDecimal, Boolean, Timestamp, Instant, null,
 * or a JSON object/array left as a {@link JsonNode}) and the casts between them. Messages never quote
 * the value itself: it may be personal data, and the command log already holds it.
 */
final class Values {

    private Values() {
    }

    /** A JSON value as the Java value it binds as; objects and arrays stay JSON. */
    static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            if (node.isDouble() || node.isFloat()) {
                double d = node.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new ConversionException("a JSON number that is NaN or infinite has no SQL value");
                }
            }
            // For doubles this is BigDecimal.valueOf: the shortest decimal that reads back as the same double,
            // so 12.30 parsed as a double still becomes 12.3, never 12.300000000000000710542735760100185871124267578125.
            return node.decimalValue();
        }
        return node;
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            return node.isArray() ? "a JSON array" : node.isObject() ? "a JSON object" : "a JSON " + node.getNodeType();
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Long) {
            return "an integer";
        }
        if (value instanceof BigDecimal) {
            return "a decimal";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Timestamp || value instanceof Instant) {
            return "a timestamp";
        }
        return value.getClass().getSimpleName();
    }

    static String toText(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        // Long, Boolean, Instant and JSON (as its JSON text) all print the way one would expect.
        return value.toString();
    }

    static Long toLong(Object value) {
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        BigDecimal decimal = value instanceof String s ? parseDecimal(s, "an integer") : value instanceof BigDecimal d ? d : null;
        if (decimal == null) {
            throw new ConversionException("int() cannot convert " + kind(value) + " to an integer");
        }
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException e) {
            throw new ConversionException("int() got a number that is not a whole number within 64 bits");
        }
    }

    static BigDecimal toDecimal(Object value) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof Integer i) {
            return BigDecimal.valueOf(i);
        }
        if (value instanceof String s) {
            return parseDecimal(s, "a decimal");
        }
        throw new ConversionException("decimal() cannot convert " + kind(value) + " to a decimal");
    }

    static Timestamp toTimestamp(Object value) {
        if (value == null || value instanceof Timestamp) {
            return (Timestamp) value;
        }
        if (value instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (value instanceof Long millis) {
            return new Timestamp(millis);
        }
        if (value instanceof String s) {
            return Timestamp.from(parseInstant(s.trim()));
        }
        throw new ConversionException("timestamp() cannot convert " + kind(value) + " to a timestamp");
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // Stores keep UTC wall-clock time, so a time without an offset is read as UTC.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ConversionException("timestamp() needs ISO-8601 text such as 2024-05-01T10:15:30Z");
            }
        }
    }

    private static BigDecimal parseDecimal(String text, String expected) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new ConversionException("text that is not a number cannot be converted to " + expected);
        }
    }
}
