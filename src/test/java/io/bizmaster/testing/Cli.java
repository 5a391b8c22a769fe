package io.bizmaster.testing;

import io.bizmaster.cli.BizMasterCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs one CLI verb in this JVM and keeps its exit code and what it printed. */
public final class Cli {

    /**
     * What one verb printed. {@code out} and {@code err} hold everything written to standard output and error while it
     * ran, the log lines of an application running in this same JVM included (its threads log to the same streams);
     * {@link #verbOut()} and {@link #verbErr()} leave those out.
     */
    public record Run(int code, String out, String err) {

        /** Standard output without the log lines of the application in this JVM: what the verb itself printed. */
        public String verbOut() {
            return withoutLogLines(out);
        }

        /** Standard error without the log lines of the application in this JVM. */
        public String verbErr() {
            return withoutLogLines(err);
        }
    }

    /** A Spring Boot console log line: "2026-12-07T01:13:03.960Z  INFO 12301 --- [bizmaster] [thread] logger : …". */
    private static final java.util.regex.Pattern LOG_LINE = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\S*\\s+(TRACE|DEBUG|INFO|WARN|ERROR) \\d+ --- .*");

    private static String withoutLogLines(String printed) {
        StringBuilder kept = new StringBuilder();
        printed.lines().filter(line -> !LOG_LINE.matcher(line).matches()).forEach(line -> kept.append(line).append('\n'));
        return kept.toString();
    }

    private Cli() {
    }

    public static synchronized Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = BizMasterCli.commandLine().execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
