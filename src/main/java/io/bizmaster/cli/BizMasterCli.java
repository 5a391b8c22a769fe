package io.bizmaster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

// INHERIT: every verb answers --help (and --version) too, as users try "bizmaster bench --help" first, and its help
// ends with the exit codes.
@Command(name = "bizmaster", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "BizMaster 0.1.0",
        description = "Command-sourced migration and shadow verification on Apache Camel and ActiveMQ Artemis.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.NO_LINE, ExitCodes.ERROR_LINE, ExitCodes.INCONCLUSIVE_LINE},
        subcommands = {RunCommand.class, DemoCommand.class, PostCommand.class, StatusCommand.class, StoreCommand.class, ReplayCommand.class,
            VerifyCommand.class, MigrateCommand.class, DomainsCommand.class, BenchCommand.class, ConnectorsCommand.class,
            RoutesCommand.class,
            CommandLine.HelpCommand.class})
public class BizMasterCli implements Runnable {

    /** Exit code meaning "the server is running: do not exit the JVM". */
    public static final int KEEP_RUNNING = -1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        return new CommandLine(new BizMasterCli()).setUnmatchedOptionsArePositionalParams(false)
                .setExecutionExceptionHandler(BizMasterCli::failed);
    }

    /**
     * A verb that fails says why in one line, not with a stack trace: a problem on the caller's side (a file, a
     * folder) or a server that does not answer is its own message; anything else is named with the verb. A start-up
     * that failed has had its report (Spring Boot's failure analysis: what is wrong, what to do) printed above it.
     */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof CliProblem problem) {
            command.getErr().println(problem.getMessage());
            return problem.exitCode();
        }
        if (e instanceof Api.NotAnswering) {
            command.getErr().println(e.getMessage());
            return ExitCodes.ERROR;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        command.getErr().println("bizmaster " + command.getCommandName() + " failed: " + message);
        return ExitCodes.ERROR;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
