package io.bizmaster.verify;

import io.bizmaster.store.ReadableRecordTarget;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    /**
     * A registered store as a verification reads it, through its converter's projections. Only a detached store can
     * never move on; a paused one may be resumed while a re-check waits.
     */
    public VerifiedStore verified(Store store) {
        if (!store.capabilities().verifiable()
                || !store.relational() && !(store.records() instanceof ReadableRecordTarget)) {
            throw new VerificationException("store " + store.name() + " is on connector '" + store.connector()
                    + "', which is write-only: it cannot read back what it wrote, so it cannot be verified");
        }
        VerifiedStore.Reader reader = store.relational() ? new VerifiedStore.Relational(store.dataSource(), true)
                : new VerifiedStore.Records((ReadableRecordTarget) store.records());
        return new VerifiedStore(store.name(), reader, of(store.converter().name()),
                () -> store.role() == StoreRole.DETACHED ? Optional.of("it is detached (fed no commands)") : Optional.empty());
    }

    /** The converter's projections; an empty set when it declares none. */
    public ProjectionSet of(String converter) {
        return byConverter.getOrDefault(converter, ProjectionSet.none(converter));
    }
}
