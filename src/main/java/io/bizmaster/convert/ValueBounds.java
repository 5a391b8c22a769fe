package io.bizmaster.convert;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandCatalog.CommandType;
import io.bizmaster.command.CommandCatalog.FieldSpec;
import io.bizmaster.command.CommandParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an expression can yield for a command type, from the catalogue alone: the longest text (UTF-16 units), the
 * numeric range and scale, the timestamp range. Unknown when the catalogue does not bound it (a JSON object turned to
 * text, a field the catalogue does not declare) or a function makes it unknowable (a running total).
 *
 * <p>{@code lower} and {@code upper} are taken as keeping the length: true for all but a few characters (İ lower-cases
 * to two, ß upper-cases to SS); such a value that outgrows its column is parked like any value the store refuses.
 */
final class ValueBounds {

    /** What one expression can yield. {@code origin} says where the bound comes from, for messages. */
    record Bound(Kind kind, Integer maxLength, BigDecimal min, BigDecimal max, Integer scale, Instant earliest,
                 Instant latest, String origin) {

        static Bound unknown(String origin) {
            return new Bound(Kind.UNKNOWN, null, null, null, null, null, null, origin);
        }

        static Bound text(Integer maxLength, String origin) {
            return new Bound(Kind.TEXT, maxLength, null, null, null, null, null, origin);
        }

        static Bound number(BigDecimal min, BigDecimal max, Integer scale, String origin) {
            return new Bound(Kind.NUMBER, null, min, max, scale, null, null, origin);
        }

        static Bound timestamp(String origin) {
            return new Bound(Kind.TIMESTAMP, null, null, null, null, CommandCatalog.EARLIEST_TIMESTAMP,
                    CommandCatalog.LATEST_TIMESTAMP, origin);
        }

        /** As text: numbers by their longest decimal form, timestamps by their ISO form. */
        Integer textLength() {
            return switch (kind) {
                case TEXT -> maxLength;
                case NUMBER -> min == null || max == null ? null
                        : Math.max(min.toPlainString().length(), max.toPlainString().length()) + (scale == null ? 0 : scale + 1);
                case TIMESTAMP -> 30;
                case NULL -> 0;
                case BOOLEAN -> 5;
                case UNKNOWN -> null;
            };
        }
    }

    enum Kind { TEXT, NUMBER, TIMESTAMP, BOOLEAN, NULL, UNKNOWN }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ValueBounds() {
    }

    static Bound of(Expression expression, CommandType type) {
        if (expression instanceof Expression.Literal literal) {
            return literal(literal.value());
        }
        if (expression instanceof Expression.Reference reference) {
            return reference(reference.name(), type);
        }
        if (expression instanceof Expression.PayloadPath path) {
            return payload(path.path(), type);
        }
        if (expression instanceof Expression.Call call) {
            return call(call, type);
        }
        return Bound.unknown("an expression of a Java converter");
    }

    private static Bound literal(Object value) {
        if (value == null) {
            return new Bound(Kind.NULL, null, null, null, null, null, null, "null");
        }
        if (value instanceof String s) {
            return Bound.text(s.length(), "'" + s + "'");
        }
        if (value instanceof Long n) {
            BigDecimal d = BigDecimal.valueOf(n);
            return Bound.number(d, d, 0, String.valueOf(n));
        }
        if (value instanceof BigDecimal d) {
            return Bound.number(d, d, Math.max(0, d.stripTrailingZeros().scale()), d.toPlainString());
        }
        if (value instanceof Boolean) {
            return new Bound(Kind.BOOLEAN, null, null, null, null, null, null, String.valueOf(value));
        }
        return Bound.unknown(String.valueOf(value));
    }

    private static Bound reference(String name, CommandType type) {
        return switch (name) {
            case "key" -> Bound.text(type.keyMaxLength(), "key (" + type.name() + " allows " + type.keyMaxLength() + ")");
            case "id" -> Bound.text(CommandParser.MAX_ID_CHARS, "id (the envelope allows " + CommandParser.MAX_ID_CHARS + ")");
            case "type" -> Bound.text(type.name().length(), "type");
            case "source" -> Bound.text(CommandParser.MAX_SOURCE_CHARS, "source (the envelope allows "
                    + CommandParser.MAX_SOURCE_CHARS + ")");
            case "issuedAt" -> Bound.timestamp("issuedAt");
            case "seq" -> Bound.number(BigDecimal.ONE, LONG_MAX, 0, "seq");
            default -> Bound.unknown(name);
        };
    }

    private static Bound payload(List<String> path, CommandType type) {
        String where = "payload" + (path.isEmpty() ? "" : "." + String.join(".", path));
        Map<String, FieldSpec> fields = type.payload();
        FieldSpec spec = null;
        for (String step : path) {
            if (spec != null && spec.type() == CommandCatalog.FieldType.ARRAY && step.chars().allMatch(Character::isDigit)) {
                spec = spec.items();
            } else {
                spec = fields == null ? null : fields.get(step);
            }
            if (spec == null) {
                return Bound.unknown(where + " (not declared in the catalogue)");
            }
            fields = spec.fields();
        }
        if (spec == null) {
            return Bound.unknown(where + " (the whole payload)");
        }
        String of = where + " (" + type.name();
        return switch (spec.type()) {
            case STRING -> {
                Integer max = spec.maxLength();
                if (spec.enumValues() != null && !spec.enumValues().isEmpty()) {
                    int longest = spec.enumValues().stream().mapToInt(String::length).max().orElse(0);
                    max = max == null ? longest : Math.min(max, longest);
                }
                yield Bound.text(max, of + (max == null ? ", no maxLength)" : ", maxLength " + max + ")"));
            }
            case INTEGER -> Bound.number(spec.min() == null ? LONG_MIN : spec.min(), spec.max() == null ? LONG_MAX : spec.max(),
                    0, of + range(spec) + ")");
            case DECIMAL -> Bound.number(spec.min(), spec.max(), spec.scale(), of + range(spec)
                    + (spec.scale() == null ? ", no scale)" : ", scale " + spec.scale() + ")"));
            case TIMESTAMP -> Bound.timestamp(of + ")");
            case BOOLEAN -> new Bound(Kind.BOOLEAN, null, null, null, null, null, null, of + ")");
            case OBJECT, ARRAY -> Bound.unknown(of + ", a JSON " + spec.type().yamlName() + ")");
        };
    }

    private static String range(FieldSpec spec) {
        return ", " + (spec.min() == null ? "no min" : "min " + spec.min().toPlainString()) + ", "
                + (spec.max() == null ? "no max" : "max " + spec.max().toPlainString());
    }

    private static Bound call(Expression.Call call, CommandType type) {
        List<Bound> args = call.args().stream().map(a -> of(a, type)).toList();
        String origin = call.function() + "(" + String.join(", ", args.stream().map(Bound::origin).toList()) + ")";
        return switch (call.function()) {
            case "concat" -> {
                int total = 0;
                for (Bound arg : args) {
                    Integer length = arg.textLength();
                    if (length == null) {
                        yield Bound.text(null, origin);
                    }
                    total += length;
                }
                yield Bound.text(total, origin);
            }
            case "split", "lower", "upper", "trim" -> Bound.text(args.get(0).textLength(), origin);
            case "string" -> Bound.text(args.get(0).textLength(), origin);
            case "coalesce" -> widest(args, origin);
            case "int", "decimal" -> args.get(0).kind() == Kind.NUMBER ? new Bound(Kind.NUMBER, null, args.get(0).min(),
                    args.get(0).max(), call.function().equals("int") ? Integer.valueOf(0) : args.get(0).scale(), null, null, origin)
                    : Bound.unknown(origin + ", a number parsed from text");
            case "timestamp" -> args.get(0).kind() == Kind.TIMESTAMP ? Bound.timestamp(origin)
                    : Bound.unknown(origin + ", a timestamp parsed from text");
            default -> Bound.unknown(origin);
        };
    }

    private static Bound widest(List<Bound> args, String origin) {
        Optional<Kind> kind = args.stream().map(Bound::kind).filter(k -> k != Kind.NULL).distinct()
                .reduce((a, b) -> a == b ? a : Kind.UNKNOWN);
        if (kind.isEmpty() || kind.get() == Kind.UNKNOWN) {
            return Bound.unknown(origin);
        }
        return switch (kind.get()) {
            case TEXT -> {
                int max = 0;
                for (Bound arg : args) {
                    if (arg.kind() == Kind.TEXT) {
                        if (arg.maxLength() == null) {
                            yield Bound.text(null, origin);
                        }
                        max = Math.max(max, arg.maxLength());
                    }
                }
                yield Bound.text(max, origin);
            }
            case NUMBER -> {
                BigDecimal min = null;
                BigDecimal max = null;
                boolean noMin = false;
                boolean noMax = false;
                Integer scale = 0;
                for (Bound arg : args) {
                    if (arg.kind() != Kind.NUMBER) {
                        continue;
                    }
                    noMin |= arg.min() == null;
                    noMax |= arg.max() == null;
                    min = arg.min() == null ? min : min == null ? arg.min() : min.min(arg.min());
                    max = arg.max() == null ? max : max == null ? arg.max() : max.max(arg.max());
                    scale = scale == null || arg.scale() == null ? null : Integer.valueOf(Math.max(scale, arg.scale()));
                }
                yield Bound.number(noMin ? null : min, noMax ? null : max, scale, origin);
            }
            case TIMESTAMP -> Bound.timestamp(origin);
            default -> Bound.unknown(origin);
        };
    }
}
