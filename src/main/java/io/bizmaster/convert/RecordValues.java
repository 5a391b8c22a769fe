package io.bizmaster.convert;

import java.math.BigDecimal;

/** The text a value becomes in a record store: one form per type, whatever produced it. */
final class RecordValues {

    private RecordValues() {
    }

    static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            // 12.50 and 12.5 are one amount: the same text in every store.
            BigDecimal stripped = decimal.stripTrailingZeros();
            return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return text(new BigDecimal(value.toString()));
        }
        return value.toString();
    }
}
