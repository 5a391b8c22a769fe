package io.bizmaster.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the values of one projected column are turned into the canonical text that is hashed and
 * compared. {@link #STRICT} (the default) keeps every difference an engine can show: scale, sub-second
 * digits, trailing spaces, empty versus NULL, case, Unicode form. Each other setting is a loosening that
 * a projection declares.
 *
 * <p>Two kinds of settings: {@code zone} says how to read this store's timestamps without time zone, so
 * it belongs to one side; everything else says what counts as the same value, so for a comparison the
 * settings both sides declare are merged ({@link #mergedWith}) and apply to both.
 *
 * @param type      what the value is compared as ({@link ValueType#AUTO}: as the engine types it)
 * @param scale     decimals: compare at this scale (rounding half up); null: the scale as stored
 * @param precision timestamps: truncate to this unit; null: every digit the engine gives
 * @param zone      timestamps without time zone are wall-clock time in this zone (stores write UTC)
 */
public record Normalisation(
        ValueType type,
        Integer scale,
        ChronoUnit precision,
        ZoneId zone,
        boolean ignoreTrailingSpaces,
        boolean emptyIsNull,
        Normalizer.Form unicode,
        boolean ignoreCase) {

    public static final Normalisation STRICT = new Normalisation(ValueType.AUTO, null, null, ZoneOffset.UTC, false, false,
            null, false);

    static final Set<ChronoUnit> PRECISIONS = Set.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS);

    public Normalisation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(zone, "zone");
        if (scale != null && (scale < 0 || scale > 38)) {
            throw new IllegalArgumentException("scale must be between 0 and 38, got " + scale);
        }
        if (precision != null && !PRECISIONS.contains(precision)) {
            throw new IllegalArgumentException("precision must be seconds, millis or micros, got " + precision);
        }
    }

    public Normalisation withType(ValueType value) {
        return new Normalisation(value, scale, precision, zone, ignoreTrailingSpaces, emptyIsNull, unicode, ignoreCase);
    }

    public Normalisation withScale(Integer value) {
        return new Normalisation(type, value, precision, zone, ignoreTrailingSpaces, emptyIsNull, unicode, ignoreCase);
    }

    public Normalisation withPrecision(ChronoUnit value) {
        return new Normalisation(type, scale, value, zone, ignoreTrailingSpaces, emptyIsNull, unicode, ignoreCase);
    }

    public Normalisation withZone(ZoneId value) {
        return new Normalisation(type, scale, precision, value, ignoreTrailingSpaces, emptyIsNull, unicode, ignoreCase);
    }

    public Normalisation withIgnoreTrailingSpaces(boolean value) {
        return new Normalisation(type, scale, precision, zone, value, emptyIsNull, unicode, ignoreCase);
    }

    public Normalisation withEmptyIsNull(boolean value) {
        return new Normalisation(type, scale, precision, zone, ignoreTrailingSpaces, value, unicode, ignoreCase);
    }

    public Normalisation withUnicode(Normalizer.Form value) {
        return new Normalisation(type, scale, precision, zone, ignoreTrailingSpaces, emptyIsNull, value, ignoreCase);
    }

    public Normalisation withIgnoreCase(boolean value) {
        return new Normalisation(type, scale, precision, zone, ignoreTrailingSpaces, emptyIsNull, unicode, value);
    }

    /**
     * The rules for comparing this side's column with the other side's: a loosening either side declares
     * applies to both, the zone stays this side's own. Two declarations that contradict each other
     * (decimal against timestamp, scale 2 against scale 3) cannot both hold, so they are refused.
     *
     * @throws IllegalArgumentException naming the setting in conflict
     */
    public Normalisation mergedWith(Normalisation other) {
        ValueType mergedType = pick("type", type == ValueType.AUTO ? null : type,
                other.type == ValueType.AUTO ? null : other.type);
        return new Normalisation(
                mergedType == null ? ValueType.AUTO : mergedType,
                pick("scale", scale, other.scale),
                pick("precision", precision, other.precision),
                zone,
                ignoreTrailingSpaces || other.ignoreTrailingSpaces,
                emptyIsNull || other.emptyIsNull,
                pick("unicode", unicode, other.unicode),
                ignoreCase || other.ignoreCase);
    }

    private static <T> T pick(String setting, T mine, T theirs) {
        if (mine != null && theirs != null && !mine.equals(theirs)) {
            throw new IllegalArgumentException(setting + " is declared as " + describe(mine) + " on one side and "
                    + describe(theirs) + " on the other");
        }
        return mine != null ? mine : theirs;
    }

    private static String describe(Object value) {
        return value instanceof ChronoUnit unit ? unit.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }

    /**
     * The canonical text of a value read from a store, or null for SQL NULL (and for an empty string when
     * {@code emptyIsNull}).
     *
     * @throws IllegalArgumentException when the value cannot be read as the declared type
     */
    public String canonical(Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case AUTO -> auto(raw);
            case TEXT -> text(raw instanceof String s ? s : auto(raw));
            case INTEGER -> integer(raw);
            case DECIMAL -> decimal(raw);
            case BOOLEAN -> bool(raw);
            case TIMESTAMP -> timestamp(raw);
            case DATE -> date(raw);
        };
    }

    private String auto(Object raw) {
        if (raw instanceof String s) {
            return text(s);
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte
                || raw instanceof BigInteger) {
            return scale == null ? raw.toString() : decimal(raw);
        }
        if (raw instanceof BigDecimal || raw instanceof Double || raw instanceof Float) {
            return decimal(raw);
        }
        if (raw instanceof Boolean b) {
            return b.toString();
        }
        if (raw instanceof LocalDateTime || raw instanceof OffsetDateTime || raw instanceof Instant
                || raw instanceof ZonedDateTime || raw instanceof java.sql.Timestamp) {
            return timestamp(raw);
        }
        if (raw instanceof LocalDate || raw instanceof java.sql.Date) {
            return date(raw);
        }
        if (raw instanceof LocalTime t) {
            return t.toString();
        }
        if (raw instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return text(raw.toString());
    }

    private String text(String value) {
        String s = value;
        if (unicode != null) {
            s = Normalizer.normalize(s, unicode);
        }
        if (ignoreTrailingSpaces) {
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == ' ') {
                end--;
            }
            s = s.substring(0, end);
        }
        if (emptyIsNull && s.isEmpty()) {
            return null;
        }
        if (ignoreCase) {
            // Upper then lower folds the pairs that lower-casing alone keeps apart (ß and SS, the Greek sigmas).
            s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        }
        return s;
    }

    private String integer(Object raw) {
        BigDecimal value = number(raw);
        try {
            return value.toBigIntegerExact().toString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a whole number");
        }
    }

    private String decimal(Object raw) {
        BigDecimal value = number(raw);
        if (scale != null) {
            value = value.setScale(scale, RoundingMode.HALF_UP);
        }
        return value.toPlainString();
    }

    private BigDecimal number(Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("'" + d + "' is not a finite number");
            }
            // The shortest decimal that reads back as the same double: 1.1, not 1.100000000000000088817841970012523.
            return new BigDecimal(Double.toString(d));
        }
        if (raw instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        String text = raw.toString().trim();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a number");
        }
    }

    private static final Set<String> TRUE = Set.of("true", "t", "1", "y", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "f", "0", "n", "no", "off");

    private String bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b.toString();
        }
        if (raw instanceof Number) {
            BigDecimal n = number(raw);
            if (n.signum() == 0) {
                return "false";
            }
            if (n.compareTo(BigDecimal.ONE) == 0) {
                return "true";
            }
            throw new IllegalArgumentException("'" + raw + "' is not a boolean (0 or 1)");
        }
        String text = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(text)) {
            return "true";
        }
        if (FALSE.contains(text)) {
            return "false";
        }
        throw new IllegalArgumentException("'" + raw + "' is not a boolean (true/false, t/f, 1/0, y/n, yes/no, on/off)");
    }

    private String timestamp(Object raw) {
        Instant instant;
        if (raw instanceof LocalDateTime local) {
            instant = local.atZone(zone).toInstant();
        } else if (raw instanceof OffsetDateTime offset) {
            instant = offset.toInstant();
        } else if (raw instanceof ZonedDateTime zoned) {
            instant = zoned.toInstant();
        } else if (raw instanceof Instant i) {
            instant = i;
        } else if (raw instanceof java.sql.Timestamp ts) {
            instant = ts.toLocalDateTime().atZone(zone).toInstant();
        } else {
            instant = parseTimestamp(raw.toString().trim());
        }
        if (precision != null) {
            instant = instant.truncatedTo(precision);
        }
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private Instant parseTimestamp(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a timestamp (ISO-8601)");
            }
        }
    }

    private String date(Object raw) {
        if (raw instanceof LocalDate d) {
            return d.toString();
        }
        if (raw instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (raw instanceof LocalDateTime || raw instanceof OffsetDateTime || raw instanceof java.sql.Timestamp) {
            throw new IllegalArgumentException("'" + raw + "' is a timestamp, not a date; declare type timestamp");
        }
        try {
            return LocalDate.parse(raw.toString().trim()).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a date (ISO-8601)");
        }
    }

    /** The declared settings in the projection file's words, for reports: "strict" when there are none. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (type != ValueType.AUTO) {
            parts.add("type " + type);
        }
        if (scale != null) {
            parts.add("scale " + scale);
        }
        if (precision != null) {
            parts.add("precision " + describe(precision));
        }
        if (!zone.equals(ZoneOffset.UTC)) {
            parts.add("zone " + zone);
        }
        if (ignoreTrailingSpaces) {
            parts.add("ignore-trailing-spaces");
        }
        if (emptyIsNull) {
            parts.add("empty-is-null");
        }
        if (unicode != null) {
            parts.add("unicode " + unicode);
        }
        if (ignoreCase) {
            parts.add("ignore-case");
        }
        return parts.isEmpty() ? "strict" : String.join(", ", parts);
    }
}
