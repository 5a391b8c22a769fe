package io.bizmaster.command;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code commands/catalog.yaml} as written, checked field by field; {@link CommandCatalog} checks the rest (which
 * options go with which type) and builds the catalogue from it.
 */
record CatalogFile(
        @NotEmpty(message = "must be a non-empty mapping of command types")
        Map<@Pattern(regexp = TYPE_NAME, message = NOT_A_TYPE_NAME) String, @Valid TypeFile> types) {

    static final String TYPE_NAME = "[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+";
    static final String NOT_A_TYPE_NAME = "'${validatedValue}' is not a valid command type name (lowercase dot-separated "
            + "words, e.g. customer.registered)";
    static final String FIELD_NAME = "[A-Za-z_][A-Za-z0-9_]*";
    static final String NOT_A_FIELD_NAME = "'${validatedValue}' is not a valid field name (letters, digits, _)";
    static final String COUNT = "must be a non-negative whole number, got ${validatedValue}";

    record TypeFile(
            String description,
            @Valid KeyFile key,
            Boolean additionalFields,
            Map<@Pattern(regexp = FIELD_NAME, message = NOT_A_FIELD_NAME) String, @Valid FieldFile> payload) {
    }

    /**
     * What the envelope's {@code key} is for this type: a description ({@code key: customer id}), or a mapping that
     * also bounds it, e.g. {@code key: {description: customer id, maxLength: 64}} to match the stores' key columns.
     */
    record KeyFile(
            String description,
            @jakarta.validation.constraints.Positive(message = "must be a positive whole number, got ${validatedValue}")
            Integer maxLength) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        KeyFile {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static KeyFile described(String description) {
            return new KeyFile(description, null);
        }
    }

    /** A field spec: a mapping, or just its type name ({@code nickname: string}). */
    record FieldFile(
            String type,
            Boolean required,
            String description,
            @PositiveOrZero(message = COUNT) Integer minLength,
            @PositiveOrZero(message = COUNT) Integer maxLength,
            String pattern,
            @JsonProperty("enum") List<String> enumValues,
            BigDecimal min,
            BigDecimal max,
            @PositiveOrZero(message = COUNT) Integer scale,
            Map<@Pattern(regexp = FIELD_NAME, message = NOT_A_FIELD_NAME) String, @Valid FieldFile> fields,
            Boolean additionalFields,
            @Valid FieldFile items,
            @PositiveOrZero(message = COUNT) Integer minItems,
            @PositiveOrZero(message = COUNT) Integer maxItems) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        FieldFile {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static FieldFile ofType(String type) {
            return new FieldFile(type, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }
}
