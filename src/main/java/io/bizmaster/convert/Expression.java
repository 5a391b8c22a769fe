package io.bizmaster.convert;

import io.bizmaster.command.SequencedCommand;

/**
 * A value computed from a command, parsed once from a converter file by {@link ExpressionParser}.
 * Evaluation yields String, Long, BigDecimal, Boolean, Timestamp, Instant, null, or a JSON object/array
 * as a {@code JsonNode} (which only {@code string(...)} can turn into something bindable).
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
}
