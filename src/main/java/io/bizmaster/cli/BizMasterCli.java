package io.bizmaster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

// INHERIT: every verb answers --help (and --version) too, as users try "bizmaster bench --help" first.
@Command(name = "bizmaster", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "BizMaster 0.1.0",
        description = "Command-sourced migration and shadow verification on Apache Camel and ActiveMQ Artemis.",
        subcommands = {RunCommand.class, DemoCommand.class, PostCommand.class, StatusCommand.class, StoreCommand.class, ReplayCommand.class,
            VerifyCommand.class, MigrateCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public class BizMasterCli implements Runnable {

    /** Exit code meaning "the server is running: do not exit the JVM". */
    public static final int KEEP_RUNNING = -1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        return new CommandLine(new BizMasterCli()).setUnmatchedOptionsArePositionalParams(false);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
