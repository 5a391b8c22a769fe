package io.bizmaster.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What kind of value a connector option takes: checked at start-up, and exported as JSON Schema. */
public sealed interface OptionType {

    /** What is wrong with this value, or empty when it is one of this type's. */
    Optional<String> problem(String value);

    /** The JSON Schema keywords for this type ({@code type}, bounds). */
    Map<String, Object> schema();

    /** Any text; a blank value counts as absent. */
    record Text() implements OptionType {

        @Override
        public Optional<String> problem(String value) {
            return Optional.empty();
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "string");
        }
    }

    /** A whole number within bounds (both inclusive). */
    record WholeNumber(long min, long max) implements OptionType {

        @Override
        public Optional<String> problem(String value) {
            try {
                long n = Long.parseLong(value.trim());
                return n < min || n > max
                        ? Optional.of("expected a whole number from " + min + " to " + max + ", got " + n)
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of("expected a whole number from " + min + " to " + max + ", got '" + value + "'");
            }
        }

        @Override
        public Map<String, Object> schema() {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "integer");
            schema.put("minimum", min);
            schema.put("maximum", max);
            return schema;
        }
    }

    /** true or false, nothing else (no yes/on/1: a typo must not read as a choice). */
    record Flag() implements OptionType {

        @Override
        public Optional<String> problem(String value) {
            return value.equals("true") || value.equals("false")
                    ? Optional.empty()
                    : Optional.of("expected true or false, got '" + value + "'");
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "boolean");
        }
    }
}
