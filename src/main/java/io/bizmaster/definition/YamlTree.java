package io.bizmaster.definition;

import tools.jackson.databind.JsonNode;

/** A YAML text read as a tree, and where each of its nodes is in the text: what a rule needs to place a problem. */
public final class YamlTree {

    private final JsonNode root;
    private final SourceMap source;

    YamlTree(JsonNode root, SourceMap source) {
        this.root = root;
        this.source = source;
    }

    public JsonNode root() {
        return root;
    }

    /** The 1-based line of the node at {@code pointer} ({@code /0/route/id}), or of its nearest parent; 0 for none. */
    public int line(String pointer) {
        return source.lineOf(pointer);
    }
}
