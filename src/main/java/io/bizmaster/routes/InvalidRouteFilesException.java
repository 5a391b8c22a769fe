package io.bizmaster.routes;

import java.util.List;

/**
 * Start-up refused: the route files, checked before Camel loaded them, have problems. The message is one line (where
 * the problems are), since Spring and the CLI repeat it; the failure analysis prints the whole report once.
 */
public class InvalidRouteFilesException extends IllegalStateException {

    private static final int PLACES_SHOWN = 5;

    private final transient RouteReport report;

    public InvalidRouteFilesException(RouteReport report) {
        super(summary(report));
        this.report = report;
    }

    public RouteReport report() {
        return report;
    }

    private static String summary(RouteReport report) {
        int count = report.problems().size();
        List<String> places = report.problems().stream().map(p -> p.file() + (p.line() > 0 ? ":" + p.line() : ""))
                .distinct().toList();
        return "route files: " + (count == 1 ? "1 problem" : count + " problems") + " ("
                + String.join(", ", places.subList(0, Math.min(PLACES_SHOWN, places.size())))
                + (places.size() > PLACES_SHOWN ? ", ..." : "") + "); the start-up report and 'bizmaster routes check' say "
                + "what each is";
    }
}
