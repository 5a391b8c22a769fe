package io.bizmaster.store;

import java.util.List;

/** Start-up refused: every problem of every store's configuration, found before anything connected. */
public class InvalidStoreConfigurationException extends IllegalStateException {

    private final List<String> problems;

    public InvalidStoreConfigurationException(List<String> problems) {
        super("invalid store configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
