package io.bizmaster.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One publication a subscriber store receives, maybe narrowed: only some of its types, only commands whose published
 * field has one of the given values (a command without the field does not pass).
 */
public record Subscription(Publication publication, Set<String> types, Map<String, List<String>> where) {

    public Subscription {
        types = Set.copyOf(types);
        where = Map.copyOf(where);
    }

    boolean takes(String domain, String type) {
        return publication.domain().equals(domain) && publication.publishes(type) && (types.isEmpty() || types.contains(type));
    }

    boolean passes(ObjectNode payload) {
        for (Map.Entry<String, List<String>> condition : where.entrySet()) {
            JsonNode value = payload;
            for (String step : condition.getKey().split("\\.")) {
                value = value == null || !value.isObject() ? null : value.get(step);
            }
            if (value == null || value.isNull() || !value.isValueNode() || !condition.getValue().contains(value.asString())) {
                return false;
            }
        }
        return true;
    }
}
