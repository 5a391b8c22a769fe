package io.bizmaster.migrate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A migration definition as written: every key of both kinds, checked field by field; {@link MigrationDefinitions} does the rest. */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
record MigrationFile(
        @NotNull(message = "is missing")
        @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,99}", message = "'${validatedValue}' must match [a-z0-9][a-z0-9._-]{0,99}")
        String id,
        @Pattern(regexp = "store|log", message = "'${validatedValue}' must be store (the default) or log") String kind,
        String source,
        String target,
        String converter,
        @Pattern(regexp = "replay|snapshot", message = "'${validatedValue}' must be replay or snapshot") String backfill,
        JsonNode from,
        @Positive(message = POSITIVE) Long maxFreezeMs,
        @Positive(message = POSITIVE) Long maxCutoverLag,
        @Positive(message = POSITIVE) Integer chunk,
        @Positive(message = POSITIVE) Long throttleLag,
        @Positive(message = POSITIVE) Long maxRate,
        List<@NotNull(message = "needs table, key and query") @Valid Mapping> mapping,
        @Valid TargetLog targetLog) {

    static final String POSITIVE = "must be a positive whole number, got '${validatedValue}'";
    static final String SQL_NAME = "[A-Za-z_][A-Za-z0-9_]{0,62}";

    /** One target table of a snapshot copy: a plain table name, its key column, and a query on the source. */
    record Mapping(
            @NotNull(message = "is missing") @Pattern(regexp = SQL_NAME, message = "'${validatedValue}' must be a plain SQL name")
            String table,
            @NotNull(message = "is missing") @Pattern(regexp = SQL_NAME, message = "'${validatedValue}' must be a plain SQL name")
            String key,
            @NotBlank(message = "is missing") String query) {
    }

    /** Where a log move takes the business store. */
    record TargetLog(@NotBlank(message = "is missing") String url, String username, String password) {
    }
}
