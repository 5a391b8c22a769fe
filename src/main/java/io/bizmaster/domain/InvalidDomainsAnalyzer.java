package io.bizmaster.domain;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up's report of bad domains or publication rules: the problems and what to do, not a stack trace. */
class InvalidDomainsAnalyzer extends AbstractFailureAnalyzer<InvalidDomainsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDomainsException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct bizmaster.domains, the publications files, the stores' "
                + "domain and subscribe settings or the forwarding rules (docs/READ-MODELS.md).", cause);
    }
}
