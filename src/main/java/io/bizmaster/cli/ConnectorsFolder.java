package io.bizmaster.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The connector jars in the home's {@code connectors/} when the home is not the current folder. The packaged jar's
 * launcher (Spring Boot's PropertiesLauncher, {@code loader.path=connectors} in loader.properties) puts the current
 * folder's {@code connectors/} on the class path before BizMaster's code runs, so it cannot know a home given with
 * {@code --home} or found beside the jar; this class loader adds that folder's jars the same way (the folder and every
 * jar under it), as a child of the launcher's, so {@code ServiceLoader} finds their connectors by name.
 */
final class ConnectorsFolder {

    private ConnectorsFolder() {
    }

    /**
     * Runs {@code action} with the home's connectors on the thread's context class loader, where Spring Boot and the
     * store registry look; what the action starts (a server's threads) keeps it.
     */
    static <T> T with(Path home, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loaderFor(home));
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The current context class loader, or a child of it with the home's connector jars when there are any to add. */
    static ClassLoader loaderFor(Path home) {
        ClassLoader current = Thread.currentThread().getContextClassLoader();
        Path folder = home.resolve("connectors").toAbsolutePath().normalize();
        Path launchers = Path.of("connectors").toAbsolutePath().normalize();
        if (folder.equals(launchers) || !Files.isDirectory(folder)) {
            return current;
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            urls.add(url(folder));
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList()) {
                urls.add(url(jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return new URLClassLoader("connectors", urls.toArray(URL[]::new), current);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }
}
