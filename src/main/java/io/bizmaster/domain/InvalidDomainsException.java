package io.bizmaster.domain;

import java.util.List;

/** Every problem of the domains, their publications, the subscriptions and the forwarding rules, found at once. */
public class InvalidDomainsException extends RuntimeException {

    private final List<String> problems;

    public InvalidDomainsException(List<String> problems) {
        super("the command domains cannot run (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
