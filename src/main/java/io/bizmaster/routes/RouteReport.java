package io.bizmaster.routes;

import java.util.List;

/**
 * What a check of the route files found.
 *
 * @param files    the files checked, by name
 * @param problems every problem of every file, by file and line
 */
public record RouteReport(List<String> files, List<RouteProblem> problems) {

    public RouteReport {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One line per problem, after a line that counts them; or the files checked when there is none. */
    public String text() {
        if (ok()) {
            return "route files checked, no problem: " + String.join(", ", files);
        }
        StringBuilder text = new StringBuilder(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                .append(" in the route files:");
        for (RouteProblem problem : problems) {
            text.append("\n  ").append(problem.describe());
        }
        return text.toString();
    }
}
