package io.bizmaster.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every converter's projections, read once from {@code converters/<name>/projections.yaml}. The schema
 * belongs to the converter name, not to a version, so all versions of a converter share its projections.
 */
public class Projections {

    private final Map<String, ProjectionSet> byConverter = new TreeMap<>();

    public Projections(Path convertersDir, ProjectionLoader loader) {
        if (!Files.isDirectory(convertersDir)) {
            return;
        }
        try (Stream<Path> folders = Files.list(convertersDir)) {
            folders.filter(Files::isDirectory).sorted().forEach(folder -> {
                ProjectionSet set = loader.load(folder);
                if (!set.entities().isEmpty()) {
                    byConverter.put(set.converter(), set);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + convertersDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Projections(Map<String, ProjectionSet> byConverter) {
        this.byConverter.putAll(byConverter);
    }

    /** The converter's projections; an empty set when it declares none. */
    public ProjectionSet of(String converter) {
        return byConverter.getOrDefault(converter, ProjectionSet.none(converter));
    }
}
