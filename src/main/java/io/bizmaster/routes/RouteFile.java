package io.bizmaster.routes;

import io.bizmaster.definition.DefinitionPaths;
import io.bizmaster.definition.YamlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One route file read as a tree: its top-level items ({@code - route:}, {@code - routeTemplate:}, {@code - beans:}
 * ...), every key in the order of the file, and the line of each node, to place a problem where the user looks.
 */
final class RouteFile {

    /**
     * A key of the file and its value, at a JSON pointer ({@code /0/route/from/steps/1/bean}).
     *
     * @param order where it comes in the file: of two fields, the one with the smaller order comes first
     */
    record Field(String pointer, String key, JsonNode value, int order) {

        /** The value's text, or null when it is not a text (a mapping, a list, a number). */
        String text() {
            return value.isString() ? value.stringValue() : null;
        }
    }

    /** A top-level item: its kind (its one key) and what that key holds. */
    record Item(RouteFile file, int index, String kind, JsonNode body) {

        String pointer() {
            return DefinitionPaths.child("/" + index, kind);
        }

        String id() {
            return body.path("id").isString() ? body.path("id").stringValue() : null;
        }
    }

    private final String name;
    private final YamlTree tree;
    private final List<Field> fields = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();

    RouteFile(String name, YamlTree tree) {
        this.name = name;
        this.tree = tree;
        collect("", tree.root());
        if (tree.root().isArray()) {
            for (int i = 0; i < tree.root().size(); i++) {
                JsonNode item = tree.root().get(i);
                if (item.isObject() && !item.isEmpty()) {
                    Map.Entry<String, JsonNode> first = item.properties().iterator().next();
                    items.add(new Item(this, i, first.getKey(), first.getValue()));
                }
            }
        }
    }

    String name() {
        return name;
    }

    JsonNode root() {
        return tree.root();
    }

    List<Item> items() {
        return items;
    }

    /** Every key of the file, in the order of the file (depth first). */
    List<Field> fields() {
        return fields;
    }

    /** The keys under {@code pointer}, in the order of the file. */
    List<Field> fieldsUnder(String pointer) {
        return fields.stream().filter(f -> f.pointer().startsWith(pointer + "/")).toList();
    }

    int line(String pointer) {
        return tree.line(pointer);
    }

    /** A problem at the node of {@code pointer}, said of the route (template, configuration) it is in. */
    RouteProblem problem(String pointer, String message) {
        return new RouteProblem(name, line(pointer), context(pointer) + message);
    }

    /** A problem of the whole file: something it should hold and does not. */
    RouteProblem problem(String message) {
        return new RouteProblem(name, 0, message);
    }

    /** "route 'intake': " for a node inside that route; empty for the file's top level. */
    private String context(String pointer) {
        String[] segments = pointer.split("/");
        if (segments.length < 3) {
            return "";
        }
        for (Item item : items) {
            if (String.valueOf(item.index()).equals(segments[1]) && item.kind().equals(segments[2])) {
                String kind = switch (item.kind()) {
                    case "route", "from" -> "route";
                    case "routeTemplate" -> "route template";
                    case "routeConfiguration" -> "route configuration";
                    default -> item.kind();
                };
                String id = item.kind().equals("from") ? null : item.id();
                return kind + (id == null ? "" : " '" + id + "'") + ": ";
            }
        }
        return "";
    }

    private void collect(String pointer, JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String child = DefinitionPaths.child(pointer, entry.getKey());
                fields.add(new Field(child, entry.getKey(), entry.getValue(), fields.size()));
                collect(child, entry.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(pointer + "/" + i, node.get(i));
            }
        }
    }
}
