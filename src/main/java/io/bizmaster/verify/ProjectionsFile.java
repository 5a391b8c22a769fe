package io.bizmaster.verify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code converters/NAME/projections.yaml} as written; {@link ProjectionLoader} checks the rest. */
record ProjectionsFile(
        @NotNull(message = "is missing") String converter,
        String description,
        @NotNull(message = "is missing")
        @NotEmpty(message = "is empty; declare at least one entity")
        Map<@Pattern(regexp = ENTITY, message = "'${validatedValue}' must match " + ENTITY) String,
                @NotNull(message = "expected the entity's commands, key, query or table, and columns") @Valid EntityFile> entities) {

    static final String ENTITY = "[a-z][a-z0-9_-]{0,62}";
    static final String COLUMN = "[a-z][a-z0-9_]{0,62}";
    static final String FIELD = "[A-Za-z0-9_.:-]{1,200}";

    record EntityFile(
            String description,
            @NotNull(message = "is missing; name the command types or prefixes whose key is this entity's key, e.g. [customer.]")
            JsonNode commands,
            @NotNull(message = "is missing") String key,
            String query,
            String table,
            @jakarta.validation.constraints.Pattern(regexp = ENTITY, message = "'${validatedValue}' must match " + ENTITY)
            String record,
            @NotNull(message = "is missing")
            @NotEmpty(message = "is empty")
            Map<@Pattern(regexp = COLUMN, message = "'${validatedValue}' must match " + COLUMN
                    + " (lower case: engines fold unquoted names differently)") String, @Valid ColumnFile> columns) {
    }

    /**
     * A column: its SQL alone ({@code id: ID}), or its SQL (or, in a record store, its field and default) and
     * normalisation rules.
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    record ColumnFile(
            String sql,
            @jakarta.validation.constraints.Pattern(regexp = FIELD, message = "'${validatedValue}' must match " + FIELD)
            String field,
            @JsonProperty("default") String absent,
            String type,
            @PositiveOrZero(message = "must be a non-negative whole number, got ${validatedValue}") Integer scale,
            String precision,
            String zone,
            Boolean ignoreTrailingSpaces,
            Boolean emptyIsNull,
            String unicode,
            Boolean ignoreCase) {

        static final ColumnFile NONE = new ColumnFile(null, null, null, null, null, null, null, null, null, null, null);

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        ColumnFile {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ColumnFile ofSql(String sql) {
            return new ColumnFile(sql, null, null, null, null, null, null, null, null, null, null);
        }
    }
}
