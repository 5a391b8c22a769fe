package io.bizmaster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

// INHERIT: every verb answers --help (and --version) too, as users try "bizmaster bench --help" first.
@Command(name = "bizmaster", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "BizMaster 0.1.0",
        description = "Command-sourced migration and shadow verification on Apache Camel and ActiveMQ Artemis.",
        subcommands = {RunCommand.class, DemoCommand.class, PostCommand.class, StatusCommand.class, StoreCommand.class, ReplayCommand.class,
            VerifyCommand.class, MigrateCommand.class, BenchCommand.class, ConnectorsCommand.class, RoutesCommand.class,
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
     * A verb that fails says why in one line, not with a stack trace; a start-up that failed has had its report
     * (Spring Boot's failure analysis: what is wrong, what to do) printed above it already.
     */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        command.getErr().println("bizmaster " + command.getCommandName() + " failed: " + message);
        return 2; // what every verb's --help calls an error (1 is verify's "different")
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
