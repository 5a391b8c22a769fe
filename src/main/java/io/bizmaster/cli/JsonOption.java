package io.bizmaster.cli;

import picocli.CommandLine.Option;

/** {@code --json}, defined once: every verb that prints a result mixes it in. */
final class JsonOption {

    @Option(names = "--json", description = "print the result as JSON, and nothing else, on standard output: what the "
            + "REST API answered, or for a verb that runs here an object of the same facts (connectors: JSON Schema); "
            + "progress and errors go to standard error, the exit code is the same")
    boolean json;
}
