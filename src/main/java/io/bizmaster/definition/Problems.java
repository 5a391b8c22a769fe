package io.bizmaster.definition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems of one file, each placed on its line; what a definition's own rules add to. */
public final class Problems {

    private final String origin;
    private final SourceMap source;
    private final List<Problem> found = new ArrayList<>();

    Problems(String origin, SourceMap source) {
        this.origin = origin;
        this.source = source;
    }

    /** Whether the scalar at {@code path} was written in single quotes: YAML's way of saying "this is text". */
    public boolean singleQuoted(String path) {
        return source.singleQuoted(path);
    }

    /** @param path a JSON pointer ({@code /mapping/0/table}); the problem takes that node's line, or its nearest parent's */
    public void add(String path, String message) {
        found.add(new Problem(path, lineOf(path), message));
    }

    /** A problem of the whole text, at a line the parser named. */
    void addAtLine(int line, String message) {
        found.add(new Problem("", line, message));
    }

    /** How many problems were found so far: a rule can tell whether what it checked added any. */
    public int count() {
        return found.size();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    boolean hasAt(String path) {
        return found.stream().anyMatch(p -> p.path().equals(path) || path.startsWith(p.path() + "/"));
    }

    private int lineOf(String path) {
        return source.lineOf(path);
    }

    /** @throws DefinitionException with every problem, in the order of the file */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt((Problem p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
            throw new DefinitionException(origin, sorted);
        }
    }
}
