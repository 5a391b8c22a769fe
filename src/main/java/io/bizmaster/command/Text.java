package io.bizmaster.command;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;

/**
 * Text helpers shared by the catalogue and the parser: character hygiene checks, JSON paths and
 * log-safe rendering of untrusted values. Package-private; nothing here is part of the lead's API.
 */
final class Text {

    /** How many characters of an untrusted value a reason shows before cutting it with "…". */
    static final int SHOWN_CHARS = 40;


    private Text() {
    }

    /**
     * Length as the strictest store engine counts it: in UTF-16 code units, so a character outside the Basic
     * Multilingual Plane (most emoji) counts as two. H2 and Java count so; PostgreSQL and MariaDB count code points,
     * never more, so a value within this length fits a column of that size on every engine.
     */
    static int length(String s) {
        return s.length();
    }

    /** "250 characters", or "402 UTF-16 units" when some character counts as two: what a length problem says. */
    static String lengthWord(String s) {
        int units = s.length();
        if (units == s.codePointCount(0, units)) {
            return units == 1 ? "1 character" : units + " characters";
        }
        return units + " UTF-16 units (a character outside the BMP, such as most emoji, counts as 2)";
    }

    /**
     * The first hygiene problem of a string, or {@code null} when it is clean. Always rejected: C0
     * control characters other than tab, LF and CR, and lone (unpaired) surrogates. When
     * {@code strict} (envelope identifiers: id, type, key, source), every character that
     * {@link #forColumn} would escape is rejected too: tab, LF, CR, DEL, C1 controls, U+2028/U+2029,
     * bidi controls and U+FEFF. So a strictly clean string is displayed and logged verbatim.
     */
    static String hygieneProblem(String s, boolean strict) {
        int charNo = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            charNo++;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone surrogate " + codePoint(c) + " at character " + charNo;
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone surrogate " + codePoint(c) + " at character " + charNo;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || strict && Character.isISOControl(c)) {
                return "contains control character " + codePoint(c) + " at character " + charNo;
            }
            if (strict && needsEscape(c)) {
                return "contains invisible formatting character " + codePoint(c) + " at character " + charNo;
            }
        }
        return null;
    }

    /** Earliest and latest instants accepted for timestamps: years 1000 to 9999 (UTC), storable in every SQL store. */
    static final Instant MIN_TIMESTAMP = Instant.parse("1000-01-01T00:00:00Z");
    static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Parses an ISO-8601 timestamp with offset; {@code null} when it is not one or is out of range. */
    static Instant parseTimestamp(String s) {
        if (s.length() > 64) {
            return null;
        }
        Instant t = commonTimestamp(s);
        if (t == null) {
            try {
                t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }
        return t.isBefore(MIN_TIMESTAMP) || t.isAfter(MAX_TIMESTAMP) ? null : t;
    }

    /**
     * The shape nearly every command's timestamps have, {@code 2026-11-23T10:15:30[.fraction](Z|+01:00)}, read
     * without the formatter, which was a tenth of the intake's work and garbage. Anything else, or anything
     * invalid, gives null and goes to the formatter, which decides; so both accept and refuse the same strings.
     */
    static Instant commonTimestamp(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if ((hours | minutes) < 0) {
                return null;
            }
            int sign = s.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The reason suffix for a string {@link #parseTimestamp} refused. */
    static String timestampProblem(String s) {
        if (s.length() <= 64) {
            try {
                OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return quoted(s) + " is outside the supported range (years 1000 to 9999 UTC)";
            } catch (DateTimeException e) {
                // fall through
            }
        }
        return quoted(s) + " is not an ISO-8601 timestamp with offset (e.g. 2026-11-23T10:15:30Z)";
    }

    static String codePoint(int c) {
        return String.format("U+%04X", c);
    }

    /** Child path of a JSON object member: {@code payload.name}, or {@code payload["odd name"]}. */
    static String child(String parent, String name) {
        if (isSimpleName(name)) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        return parent + "[\"" + escape(name, SHOWN_CHARS) + "\"]";
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}, checked without a regex: it runs for every field of every command. */
    static boolean isSimpleName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** An untrusted string shown in double quotes, escaped and cut to {@link #SHOWN_CHARS}. */
    static String quoted(String s) {
        return "\"" + escape(s, SHOWN_CHARS) + "\"";
    }

    /** An untrusted string shown in single quotes (names, types), escaped and cut. */
    static String singleQuoted(String s) {
        return "'" + escape(s, SHOWN_CHARS) + "'";
    }

    /** Describes a JSON value for "expected X, got Y" reasons: {@code string "ten"}, {@code number 1.5}, ... */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isString()) {
            return "string " + quoted(node.stringValue());
        }
        if (node.isNumber()) {
            return "number " + escape(node.numberValue().toString(), SHOWN_CHARS);
        }
        if (node.isBoolean()) {
            return "boolean " + node.booleanValue();
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Makes an untrusted string safe to log and display: backslash, double quote, control characters,
     * lone surrogates and Unicode line/paragraph separators and bidi controls are escaped (Java/JSON style),
     * and the result is cut after {@code maxChars} code points with "…". Surrogate pairs are never split.
     */
    static String escape(String s, int maxChars) {
        return escape(s, maxChars, true);
    }

    private static String escape(String s, int maxChars, boolean escapeQuotes) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxChars) + 8);
        int shown = 0;
        for (int i = 0; i < s.length(); ) {
            if (shown >= maxChars) {
                out.append('…');
                return out.toString();
            }
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                switch (c) {
                    case '\\' -> out.append(escapeQuotes ? "\\\\" : "\\");
                    case '"' -> out.append(escapeQuotes ? "\\\"" : "\"");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (needsEscape(c)) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
                i++;
            }
            shown++;
        }
        return out.toString();
    }

    /**
     * A display-safe copy for a log column: control characters, lone surrogates and the like escaped as
     * in {@link #escape} (but backslash and double quote kept as they are) and, when longer than
     * {@code maxChars} code points, cut so that the result including "…" has at most {@code maxChars}.
     */
    static String forColumn(String s, int maxChars) {
        if (s == null) {
            return null;
        }
        String escaped = escape(s, Integer.MAX_VALUE, false);
        if (length(escaped) <= maxChars) {
            return escaped;
        }
        int end = maxChars - 1;
        if (Character.isHighSurrogate(escaped.charAt(end - 1))) {
            end--; // never half a character
        }
        return escaped.substring(0, end) + "…";
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c)
                || Character.isSurrogate(c)
                || c == '\u2028' || c == '\u2029'                 // line / paragraph separators
                || (c >= '\u202A' && c <= '\u202E')               // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069')               // bidi isolates
                || c == '\u200E' || c == '\u200F' || c == '\u061C' // bidi marks
                || c == '\uFEFF';
    }
}
