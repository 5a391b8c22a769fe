package io.bizmaster.convert;

import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.definition.Problem;
import io.bizmaster.store.ConverterCheck;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.jdbc.StoreSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * All converters by {@code name@version}: Java ones (Spring beans) and YAML files under
 * {@code <dir>/<name>/v<version>.yaml}. Every YAML file present at construction is loaded then, so a
 * broken file stops start-up; a version file added later is picked up on first {@link #get}. A loaded
 * version is never reloaded: versions are meant to be immutable, a change is a new version.
 */
public final class ConverterRegistry implements ConverterCheck {

    private static final Comparator<ConverterRef> ORDER = Comparator.comparing(ConverterRef::name).thenComparingInt(ConverterRef::version);

    private final Path directory;
    private final YamlConverterLoader loader;
    private final Map<ConverterRef, BConverter> java;
    private final Map<ConverterRef, BConverter> yaml = new ConcurrentHashMap<>();

    /**
     * @param directory      the converters folder (e.g. {@code converters})
     * @param javaConverters converters written in Java; none may share a ref with another or with a YAML file
     * @throws DefinitionException if a YAML file is invalid
     */
    public ConverterRegistry(Path directory, List<BConverter> javaConverters, DefinitionLoader definitions) {
        this.loader = new YamlConverterLoader(definitions);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("converters directory " + directory.toAbsolutePath() + " does not exist");
        }
        this.directory = directory;
        Map<ConverterRef, BConverter> byRef = new HashMap<>();
        for (BConverter converter : javaConverters) {
            BConverter previous = byRef.put(converter.ref(), converter);
            if (previous != null) {
                throw new IllegalStateException("two Java converters claim " + converter.ref() + ": "
                        + previous.getClass().getName() + " and " + converter.getClass().getName());
            }
        }
        this.java = Map.copyOf(byRef);
        for (Map.Entry<ConverterRef, Path> file : scan().entrySet()) {
            if (java.containsKey(file.getKey())) {
                throw new IllegalStateException(file.getKey() + " is both a Java converter ("
                        + java.get(file.getKey()).getClass().getName() + ") and " + file.getValue() + "; remove one");
            }
            yaml.put(file.getKey(), loader.load(file.getValue()));
        }
    }

    public ConverterRegistry(Path directory, List<BConverter> javaConverters) {
        this(directory, javaConverters, new DefinitionLoader());
    }

    /** @throws IllegalArgumentException for an unknown ref, listing the known ones */
    public BConverter get(ConverterRef ref) {
        BConverter converter = java.get(ref);
        if (converter != null) {
            return converter;
        }
        converter = yaml.get(ref);
        if (converter != null) {
            return converter;
        }
        Path file = directory.resolve(ref.name()).resolve("v" + ref.version() + ".yaml");
        if (Files.isRegularFile(file)) {
            return yaml.computeIfAbsent(ref, r -> loader.load(file));
        }
        throw new IllegalArgumentException("unknown converter " + ref + "; available: "
                + available().stream().map(ConverterRef::toString).collect(Collectors.joining(", "))
                + " (YAML files are looked for as " + file + ")");
    }

    @Override
    public Optional<String> problem(ConverterRef ref) {
        try {
            get(ref);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public BConverter get(String ref) {
        return get(ConverterRef.parse(ref));
    }

    /** Every converter that {@link #get} would find now, looking at the directory again. */
    public SortedSet<ConverterRef> available() {
        SortedSet<ConverterRef> refs = new TreeSet<>(ORDER);
        refs.addAll(java.keySet());
        refs.addAll(scan().keySet());
        return refs;
    }

    /** The Flyway migrations of a converter's tables, for {@link StoreSchema#migrate}: {@code <dir>/<name>/schema}. */
    public Path schemaDirectory(String converterName) {
        return directory.resolve(converterName).resolve("schema");
    }

    public Path directory() {
        return directory;
    }

    private Map<ConverterRef, Path> scan() {
        try (Stream<Path> folders = Files.list(directory)) {
            Map<ConverterRef, Path> found = new HashMap<>();
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Matcher m = YamlConverterLoader.FILE_NAME.matcher(file.getFileName().toString());
                        if (m.matches()) {
                            found.put(ref(folder, m.group(1), file), file);
                        }
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list converters in " + directory.toAbsolutePath(), e);
        }
    }

    private static ConverterRef ref(Path folder, String version, Path file) {
        try {
            return new ConverterRef(folder.getFileName().toString(), Integer.parseInt(version));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(file.toString(), List.of(new Problem("", 0, "the folder name cannot be a converter name: "
                    + e.getMessage())));
        }
    }
}
