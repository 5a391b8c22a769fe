package io.bizmaster.convert;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One expression of the converter language used outside a converter: the gateway's forwarding rules compute a new
 * payload field from a posted command with it. The same grammar and functions as a converter's column values, so an
 * operator learns one language; evaluated on a command that has no seq yet.
 */
public final class ConverterExpression {

    private final String text;
    private final Expression expression;

    private ConverterExpression(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /** @throws IllegalArgumentException saying where the text is malformed and what was expected */
    public static ConverterExpression parse(String text) {
        return new ConverterExpression(text, ExpressionParser.parse(text));
    }

    /** A constant, as a single-quoted YAML scalar is in a converter: the text itself, never parsed. */
    public static ConverterExpression text(String text) {
        return new ConverterExpression("'" + text.replace("'", "''") + "'", new Expression.Literal(text));
    }

    /** The envelope fields it reads ({@code key}, {@code id}, {@code type}, {@code source}, {@code issuedAt}, {@code seq}). */
    public Set<String> references() {
        Set<String> names = new LinkedHashSet<>();
        collect(expression, names);
        return names;
    }

    private static void collect(Expression expression, Set<String> names) {
        if (expression instanceof Expression.Reference reference) {
            names.add(reference.name());
        } else if (expression instanceof Expression.Call call) {
            call.args().forEach(arg -> collect(arg, names));
        }
    }

    /**
     * The value as JSON; null when the expression yields null.
     *
     * @throws ConversionException when a function cannot compute it (a text that is no number for {@code int(...)})
     */
    public JsonNode evaluate(Command command) {
        Object value;
        try {
            // No seq: the command is not logged yet; references() lets a caller refuse an expression that reads it.
            value = expression.evaluate(new SequencedCommand(0, command));
        } catch (ConversionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConversionException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        return json(value);
    }

    private static JsonNode json(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof String s) {
            return nodes.stringNode(s);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            return nodes.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Timestamp t) {
            return nodes.stringNode(t.toInstant().toString());
        }
        if (value instanceof Instant i) {
            return nodes.stringNode(i.toString());
        }
        if (value instanceof Number n) {
            return nodes.numberNode(new BigDecimal(n.toString()));
        }
        return nodes.stringNode(String.valueOf(value));
    }

    @Override
    public String toString() {
        return text;
    }
}
