package io.bizmaster.routes;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up's report of broken route files: every problem with its file and line, and what to do; no stack trace. */
class InvalidRouteFilesAnalyzer extends AbstractFailureAnalyzer<InvalidRouteFilesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRouteFilesException cause) {
        return new FailureAnalysis(cause.report().text(), "Correct the route files; docs/ROUTES.md says what each route "
                + "may change and what BizMaster relies on. 'java -jar target/bizmaster.jar routes check' checks them "
                + "without starting BizMaster.", cause);
    }
}
