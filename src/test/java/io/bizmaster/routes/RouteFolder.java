package io.bizmaster.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A copy of the project's route files in a folder of a test's own, edited the way a user edits them: each edit
 * replaces text the shipped files hold (and fails if they no longer hold it), and a problem's expected line is found
 * by what is written on it, never counted by hand.
 */
final class RouteFolder {

    static final List<String> SHIPPED = List.of("error-handling.camel.yaml", "intake.camel.yaml", "store-apply.camel.yaml");

    private final Path home;
    private final Path routes;

    /** {@code home/routes/}, holding copies of routes/*.camel.yaml. */
    RouteFolder(Path home) {
        this(home, home.resolve("routes"));
    }

    /** {@code folder}, holding copies of routes/*.camel.yaml (for a pattern pointing elsewhere). */
    RouteFolder(Path home, Path folder) {
        this.home = home;
        this.routes = folder;
        try {
            Files.createDirectories(folder);
            for (String file : SHIPPED) {
                Files.copy(Path.of("routes", file), folder.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path home() {
        return home;
    }

    Path folder() {
        return routes;
    }

    /** Replaces {@code text}, which must be in the file once, by {@code replacement}. */
    RouteFolder edit(String file, String text, String replacement) {
        String content = read(file);
        assertThat(content.split(java.util.regex.Pattern.quote(text), -1)).as("%s holds %s once", file, text).hasSize(2);
        write(file, content.replace(text, replacement));
        return this;
    }

    RouteFolder write(String file, String content) {
        try {
            Files.writeString(routes.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RouteFolder delete(String file) {
        try {
            Files.delete(routes.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String read(String file) {
        try {
            return Files.readString(routes.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the one line of the file holding {@code marker}. */
    int lineOf(String file, String marker) {
        List<String> lines = read(file).lines().toList();
        List<Integer> found = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(marker)).boxed().toList();
        assertThat(found).as("lines of %s holding %s", file, marker).hasSize(1);
        return found.get(0) + 1;
    }
}
