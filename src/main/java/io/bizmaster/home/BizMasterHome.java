package io.bizmaster.home;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.system.ApplicationHome;

/**
 * The folder BizMaster's relative paths resolve from: {@code artemis/}, {@code commands/}, {@code converters/},
 * {@code routes/}, {@code connectors/} and {@code data/}. Given (the CLI's {@code --home}, the property
 * {@code bizmaster.home}, the variable {@code BIZMASTER_HOME}), or found: the current folder when it holds
 * {@code artemis/broker.xml}, else the running jar's folder or that folder's parent (the jar built into
 * {@code target/}) when one of them holds it, else the current folder as before there was a home.
 */
public final class BizMasterHome {

    /** The Spring property that names the home; {@code BIZMASTER_HOME} is the same property from the environment. */
    public static final String PROPERTY = "bizmaster.home";
    public static final String VARIABLE = "BIZMASTER_HOME";

    /** What makes a folder BizMaster's: the broker configuration every start reads. */
    static final Path MARKER = Path.of("artemis", "broker.xml");

    private BizMasterHome() {
    }

    /**
     * The home, from the first of: {@code explicit}, the system property, the environment variable, the folders
     * searched by {@link #find}. A given home must be an existing folder.
     *
     * @param properties system properties ({@code System::getProperty})
     * @param environment environment variables ({@code System::getenv})
     * @param jarFolder the folder of the running jar, if BizMaster runs from one
     * @throws IllegalArgumentException naming where the home came from, when it is not a folder
     */
    public static Path resolve(Path explicit, Function<String, String> properties, Function<String, String> environment,
                               Path workingFolder, Optional<Path> jarFolder) {
        if (explicit != null) {
            return existing(explicit, "--home");
        }
        String property = properties.apply(PROPERTY);
        if (property != null && !property.isBlank()) {
            return existing(Path.of(property), "-D" + PROPERTY);
        }
        String variable = environment.apply(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return existing(Path.of(variable), VARIABLE);
        }
        return find(workingFolder, jarFolder);
    }

    /** The working folder if it is a home, else the jar's folder or its parent if one is, else the working folder. */
    public static Path find(Path workingFolder, Optional<Path> jarFolder) {
        Path working = workingFolder.toAbsolutePath().normalize();
        if (isHome(working)) {
            return working;
        }
        if (jarFolder.isPresent()) {
            Path jar = jarFolder.get().toAbsolutePath().normalize();
            if (isHome(jar)) {
                return jar;
            }
            if (jar.getParent() != null && isHome(jar.getParent())) {
                return jar.getParent();
            }
        }
        return working;
    }

    /** The folder of the jar {@code type} was loaded from; empty when it was not loaded from a jar (tests, an IDE). */
    public static Optional<Path> jarFolder(Class<?> type) {
        java.io.File source = new ApplicationHome(type).getSource();
        return source != null && source.isFile() && source.getName().endsWith(".jar")
                ? Optional.of(source.getAbsoluteFile().getParentFile().toPath()) : Optional.empty();
    }

    public static boolean isHome(Path folder) {
        return Files.isRegularFile(folder.resolve(MARKER));
    }

    private static Path existing(Path home, String from) {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(from + " " + home + ": " + (Files.exists(absolute) ? "not a folder"
                    : "no such folder"));
        }
        return absolute;
    }
}
