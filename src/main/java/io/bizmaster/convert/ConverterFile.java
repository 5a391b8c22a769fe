package io.bizmaster.convert;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A converter file ({@code converters/NAME/vN.yaml}) as written; {@link YamlConverterLoader} checks the rest. */
record ConverterFile(
        @NotNull(message = "is missing") String converter,
        @NotNull(message = "is missing; expected e.g. version: 1") Integer version,
        String description,
        @NotNull(message = "is missing; expected a mapping of command type to its operations") Map<String, List<OperationFile>> on) {

    /**
     * One operation: exactly one of the actions names the table; key, set and add map columns to values (an
     * expression, a 'quoted text', or {const: ...}).
     */
    record OperationFile(
            String insert,
            String upsert,
            String update,
            String increment,
            String delete,
            Map<String, JsonNode> key,
            Map<String, JsonNode> set,
            Map<String, JsonNode> add) {
    }
}
