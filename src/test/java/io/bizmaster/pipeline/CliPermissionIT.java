package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.bizmaster.testing.PackagedJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the user may not read is one line naming it and why, exit 2, from the packaged jar. Root reads any file, so
 * as root the verbs run as the unprivileged user {@code nobody} (runuser), as an operator's account would.
 */
class CliPermissionIT {

    @TempDir
    Path folder;

    @Test
    void aFileWithoutReadPermissionIsOneLine() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path locked = Files.writeString(folder.resolve("locked.jsonl"), "{}\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("-w-------"));
        for (String[] verb : List.of(new String[] {"post", locked.toString()}, new String[] {"migrate", "create", locked.toString()})) {
            PackagedJar.Result run = new PackagedJar(folder).run(folder, command(verb));
            assertThat(run.exit()).as(run.output()).isEqualTo(2);
            assertThat(run.output().strip()).as("one line, no stack trace")
                    .isEqualTo("cannot read " + locked + ": permission denied");
        }
    }

    private static List<String> command(String... verb) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            if (!Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
                fail("as root the test runs the verbs as 'nobody', which needs runuser (util-linux)");
            }
            command.addAll(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "bizmaster.jar").toAbsolutePath().toString()));
        command.addAll(List.of(verb));
        return command;
    }
}
