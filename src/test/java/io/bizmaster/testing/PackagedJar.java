package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/bizmaster.jar} run as a user runs it, in a folder of its own holding copies of the
 * project's routes, converters, commands and artemis folders (copies, not links: Camel loads routes/*.camel.yaml by a
 * pattern that does not follow a linked folder). For the tests failsafe runs after {@code mvn package}.
 */
public final class PackagedJar {

    private static final Path JAR = Path.of("target", "bizmaster.jar").toAbsolutePath();

    /** What a run printed and how it ended. */
    public record Result(int exit, String output) {
    }

    /** What a run printed on each stream, kept apart (--json's standard output is the JSON alone), and how it ended. */
    public record Streams(int exit, String stdout, String stderr) {
    }

    private final Path folder;

    public PackagedJar(Path folder) {
        this.folder = folder;
    }

    /** The packaged jar the build made. */
    public static Path jar() {
        assertThat(JAR).as("the packaged jar (mvn verify builds it before this test)").exists();
        return JAR;
    }

    /** Runs {@code java -jar bizmaster.jar ARGS} in the folder and waits for it (at most five minutes). */
    public Result run(String... args) throws IOException, InterruptedException {
        install();
        return run(folder, java(jar(), args));
    }

    /** Copies the project's routes, converters, commands and artemis folders into the folder (once): a BizMaster home. */
    public Path install() throws IOException {
        for (String dir : List.of("routes", "converters", "commands", "artemis")) {
            Path source = Path.of(dir).toAbsolutePath();
            if (!Files.exists(folder.resolve(dir))) {
                try (var files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, folder.resolve(dir).resolve(source.relativize(file).toString()));
                    }
                }
            }
        }
        return folder;
    }

    /**
     * Runs {@code java -jar JAR ARGS} in {@code directory} (which need not be the folder, nor a BizMaster home) with
     * {@code environment} added to this one's, and waits for it (at most five minutes), keeping its two streams apart.
     */
    public Streams run(Path directory, Path jar, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "stdout", ".log");
        Path err = Files.createTempFile(folder, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(java(jar, args)).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError(String.join(" ", args) + " did not end in 5 minutes: " + Files.readString(err));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Streams(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Starts {@code java -jar JAR ARGS} in {@code directory}, its output into {@code log}, and returns at once: for a
     * server, which the caller stops by the returned handle.
     */
    public Process start(Path directory, Path jar, Map<String, String> environment, Path log, String... args)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(jar, args)).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static List<String> java(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs any command in {@code directory} and waits for it (at most five minutes); the output is kept in the folder. */
    public Result run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(folder, "output", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError(String.join(" ", command) + " did not end in 5 minutes: " + Files.readString(log));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
