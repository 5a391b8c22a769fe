package io.bizmaster.verify;

import java.util.Arrays;
import java.util.Locale;

/**
 * The type a projected column is compared as. {@link #AUTO} takes the type the engine gives the value;
 * a declared type also converts what the engine gives into it (booleans stored as 0/1, amounts stored
 * as text), which is why declaring one is a loosening.
 */
public enum ValueType {
    AUTO, TEXT, INTEGER, DECIMAL, BOOLEAN, TIMESTAMP, DATE;

    public static ValueType parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown type '" + text + "'; types: "
                    + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
