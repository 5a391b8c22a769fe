package io.bizmaster.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up's report of a bad store configuration: the list of problems and what to do, not a stack trace. */
class InvalidStoreConfigurationAnalyzer extends AbstractFailureAnalyzer<InvalidStoreConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidStoreConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct bizmaster.stores (application.yml or the command line); "
                + "'java -jar target/bizmaster.jar connectors NAME' shows what a connector takes (docs/CONNECTORS.md).",
                cause);
    }
}
