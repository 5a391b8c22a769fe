package io.bizmaster.cli;

/**
 * Something on the caller's side is wrong (a file that cannot be read, a folder that is not there, an option that
 * does not fit): {@link BizMasterCli} prints the message as one line on standard error and exits with the code,
 * never a stack trace.
 */
final class CliProblem extends RuntimeException {

    private final int exitCode;

    CliProblem(String message) {
        this(message, ExitCodes.ERROR);
    }

    CliProblem(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
