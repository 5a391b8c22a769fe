package io.bizmaster.domain;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a domain lets leave it under one public name and version ({@code crm.customer@1}): some of its command types,
 * with only some of their payload fields, for some subscriber stores. Versioned like a public schema: a new version is
 * a new publication, so a subscriber moves when it chooses.
 *
 * @param fields payload paths ({@code address.city}); a path to an object publishes the object whole
 */
public record Publication(String domain, String name, int version, String description, Set<String> types,
                          List<String> fields, Set<String> subscribers) {

    public Publication {
        types = Set.copyOf(types);
        fields = List.copyOf(fields);
        subscribers = Set.copyOf(subscribers);
    }

    public String publicName() {
        return domain + "." + name + "@" + version;
    }

    public boolean publishes(String type) {
        return types.contains(type);
    }

    /** Whether a payload path is published: itself, or inside a published object. */
    public boolean publishesField(String path) {
        for (String field : fields) {
            if (path.equals(field) || path.startsWith(field + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A new payload holding only the published fields of {@code payload}, copied: nothing of the original (an
     * unpublished field, or an object another store's converter might change) is reachable from it.
     */
    public ObjectNode project(ObjectNode payload) {
        ObjectNode projected = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            String[] path = field.split("\\.");
            JsonNode value = payload;
            for (String step : path) {
                value = value == null || !value.isObject() ? null : value.get(step);
            }
            if (value == null) {
                continue;
            }
            ObjectNode into = projected;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode next = into.get(path[i]);
                into = next instanceof ObjectNode object ? object : into.putObject(path[i]);
            }
            into.set(path[path.length - 1], value.deepCopy());
        }
        return projected;
    }
}
