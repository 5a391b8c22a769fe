package io.bizmaster.routes;

/** Start-up refused: the route files, checked before Camel loaded them, have problems; every one is in the report. */
public class InvalidRouteFilesException extends IllegalStateException {

    private final transient RouteReport report;

    public InvalidRouteFilesException(RouteReport report) {
        super(report.text());
        this.report = report;
    }

    public RouteReport report() {
        return report;
    }
}
