package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private final Path folder;

    public PackagedJar(Path folder) {
        this.folder = folder;
    }

    /** Runs {@code java -jar bizmaster.jar ARGS} in the folder and waits for it (at most five minutes). */
    public Result run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged jar (mvn verify builds it before this test)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
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
        return run(folder, command);
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
