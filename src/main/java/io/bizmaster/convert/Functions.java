package io.bizmaster.convert;

import io.bizmaster.command.SequencedCommand;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The functions expressions may call. Arity and literal arguments are checked at load time. */
final class Functions {

    static final String NAMES = "concat, split, lower, upper, trim, string, int, decimal, timestamp, coalesce";

    private Functions() {
    }

    /** @throws IllegalArgumentException saying what was expected */
    static Expression create(String name, List<Expression> args) {
        return switch (name) {
            case "concat" -> {
                atLeastOne(name, args);
                yield command -> {
                    StringBuilder sb = new StringBuilder();
                    for (Expression arg : args) {
                        Object v = arg.evaluate(command);
                        if (v != null) {
                            sb.append(Values.toText(v));
                        }
                    }
                    return sb.toString();
                };
            }
            case "coalesce" -> {
                atLeastOne(name, args);
                yield command -> args.stream().map(a -> a.evaluate(command)).filter(Objects::nonNull).findFirst().orElse(null);
            }
            case "split" -> split(args);
            case "lower" -> unary(name, args, v -> text(v, s -> s.toLowerCase(Locale.ROOT)));
            case "upper" -> unary(name, args, v -> text(v, s -> s.toUpperCase(Locale.ROOT)));
            case "trim" -> unary(name, args, v -> text(v, String::strip));
            case "string" -> unary(name, args, Values::toText);
            case "int" -> unary(name, args, Values::toLong);
            case "decimal" -> unary(name, args, Values::toDecimal);
            case "timestamp" -> unary(name, args, Values::toTimestamp);
            default -> throw new IllegalArgumentException("unknown function '" + name + "'; expected one of " + NAMES);
        };
    }

    private static Expression split(List<Expression> args) {
        String usage = "split(value, 'separator', 0 or 1)";
        if (args.size() != 3) {
            throw new IllegalArgumentException("split takes 3 arguments, got " + args.size() + "; expected " + usage);
        }
        if (!(args.get(1) instanceof Expression.Literal sep && sep.value() instanceof String separator && !separator.isEmpty())) {
            throw new IllegalArgumentException("split needs a non-empty quoted separator as its 2nd argument; expected " + usage);
        }
        if (!(args.get(2) instanceof Expression.Literal part && part.value() instanceof Long index && (index == 0 || index == 1))) {
            throw new IllegalArgumentException("split needs 0 (before the separator) or 1 (after it) as its 3rd argument; expected " + usage);
        }
        Expression source = args.get(0);
        boolean before = index == 0;
        return command -> {
            String s = Values.toText(source.evaluate(command));
            if (s == null) {
                return null;
            }
            int at = s.indexOf(separator);
            if (at < 0) {
                return before ? s : null;
            }
            return before ? s.substring(0, at) : s.substring(at + separator.length());
        };
    }

    private static Object text(Object value, Function<String, String> f) {
        return value == null ? null : f.apply(Values.toText(value));
    }

    private static Expression unary(String name, List<Expression> args, Function<Object, Object> f) {
        if (args.size() != 1) {
            throw new IllegalArgumentException(name + " takes 1 argument, got " + args.size() + "; expected " + name + "(value)");
        }
        Expression arg = args.get(0);
        return (SequencedCommand command) -> f.apply(arg.evaluate(command));
    }

    private static void atLeastOne(String name, List<Expression> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least 1 argument; expected " + name + "(a, b, ...)");
        }
    }
}
