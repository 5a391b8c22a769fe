package io.bizmaster.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The projections one converter's schema declares, by entity. */
public record ProjectionSet(String converter, Map<String, Projection> entities) {

    public ProjectionSet {
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    public static ProjectionSet none(String converter) {
        return new ProjectionSet(converter, Map.of());
    }

    public Optional<Projection> entity(String name) {
        return Optional.ofNullable(entities.get(name));
    }
}
