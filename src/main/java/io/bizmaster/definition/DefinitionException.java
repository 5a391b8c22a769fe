package io.bizmaster.definition;

import java.util.List;

/** A definition file that cannot be used, with every problem found in it. */
public class DefinitionException extends IllegalArgumentException {

    private final String origin;
    private final List<Problem> problems;

    public DefinitionException(String origin, List<Problem> problems) {
        super(message(origin, problems));
        this.origin = origin;
        this.problems = List.copyOf(problems);
    }

    public String origin() {
        return origin;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(String origin, List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).describe(origin);
        }
        StringBuilder text = new StringBuilder(origin).append(": ").append(problems.size()).append(" problems:");
        for (Problem p : problems) {
            text.append("\n  - ").append(p.describe(origin));
        }
        return text.toString();
    }
}
