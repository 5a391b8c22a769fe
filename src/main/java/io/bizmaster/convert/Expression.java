package io.bizmaster.convert;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A value computed from a command, parsed once from a converter file by {@link ExpressionParser}.
 * Evaluation yields String, Long, BigDecimal, Boolean, Timestamp, Instant, null, or a JSON object/array
 * as a {@code JsonNode} (which only {@code string(...)} can turn into something bindable).
 *
 * <p>The parsed form stays visible (literal, reference, payload path, call) so that what an expression can yield
 * is known before any command arrives: {@link ValueBounds} checks it against the catalogue and the store's columns.
 */
@FunctionalInterface
interface Expression {

    Object evaluate(SequencedCommand command);

    /** A constant; functions such as split() look at it at load time. */
    record Literal(Object value) implements Expression {
        @Override
        public Object evaluate(SequencedCommand command) {
            return value;
        }
    }

    /** A field of the envelope or the seq: {@code key}, {@code id}, {@code type}, {@code source}, {@code issuedAt}, {@code seq}. */
    record Reference(String name, Function<SequencedCommand, Object> value) implements Expression {
        @Override
        public Object evaluate(SequencedCommand command) {
            return value.apply(command);
        }
    }

    /** {@code payload.a.b}: a field of the payload, null when any step is missing. */
    record PayloadPath(List<String> path) implements Expression {
        @Override
        public Object evaluate(SequencedCommand command) {
            return Values.fromJson(walk(command.command()));
        }

        private JsonNode walk(Command command) {
            JsonNode node = command.payload();
            for (String field : path) {
                if (node == null) {
                    return null;
                }
                if (node.isArray() && field.chars().allMatch(Character::isDigit)) {
                    node = node.get(Integer.parseInt(field));
                } else {
                    // A field of a scalar is as missing as a missing field: both become null.
                    node = node.isObject() ? node.get(field) : null;
                }
            }
            return node;
        }
    }

    /** A call of one of the {@link Functions}, with its arguments as parsed. */
    record Call(String function, List<Expression> args, Expression body) implements Expression {
        @Override
        public Object evaluate(SequencedCommand command) {
            return body.evaluate(command);
        }
    }
}
