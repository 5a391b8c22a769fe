package io.bizmaster.apply;

import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.CatalogueAgreement;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.convert.YamlConverter;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreBusyException;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.jdbc.StoreSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed scenario 2: a store runs a new converter version. Only while the store is paused, so no batch is
 * half-way through the old version: its commands wait in its queue and, on resume, apply with the new one
 * from the checkpoint on. The new converter is checked against the store before anything changes, and the
 * choice is persisted, so a restart keeps it.
 */
public class ConverterSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(ConverterSwitch.class);

    private final StoreRegistry stores;
    private final ConverterRegistry converters;
    private final StoreControl control;
    private final CatalogueAgreement agreement;

    public ConverterSwitch(StoreRegistry stores, ConverterRegistry converters, StoreControl control,
                           CatalogueAgreement agreement) {
        this.stores = stores;
        this.converters = converters;
        this.control = control;
        this.agreement = agreement;
    }

    /**
     * @throws IllegalStateException    if the store is not paused
     * @throws IllegalArgumentException if the converter is unknown or does not fit the store's schema
     */
    public Store set(String name, ConverterRef ref) {
        Store store = stores.get(name);
        StoreBusyException.check(store, "switch the converter of");
        if (!store.paused() && store.fed()) {
            throw new IllegalStateException("store '" + name + "' is running converter " + store.converter()
                    + ": pause it first (store pause " + name + "), so its commands wait while the converter changes");
        }
        BConverter converter = converters.get(ref);
        check(store, ref, converter);
        ConverterRef before = store.converter();
        control.converter(name, ref);
        store.converter(ref);
        LOG.info("Store '{}' switched from converter {} to {} at checkpoint {}; it applies with {} from seq {} on",
                name, before, ref, store.knownCheckpoint(), ref, store.knownCheckpoint() + 1);
        return store;
    }

    /**
     * What stops this converter from running on the store: a table or column it writes that the store lacks, a value
     * the catalogue allows that a column cannot hold. Empty when it fits.
     */
    List<String> problems(Store store, BConverter converter) throws SQLException {
        if (!store.relational()) {
            // No columns to fit: a record takes any field. What must hold is that the converter writes records.
            return converter.writesRecords() ? List.of() : List.of("store '" + store.name() + "' is on connector '"
                    + store.connector() + "', which keeps records by key: converter " + converter.ref()
                    + " writes SQL only; use a YAML converter");
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(true);
            if (converter instanceof YamlConverter yaml) {
                yaml.verify(c);
            }
            return agreement.problems(store.name(), converter, c);
        }
    }

    /** A converter of another name brings its own schema: create it first, then probe every statement. */
    void check(Store store, ConverterRef ref, BConverter converter) {
        Path schema = converters.schemaDirectory(ref.name());
        try {
            if (!ref.name().equals(store.converter().name()) && Files.isDirectory(schema)) {
                StoreSchema.migrate(store.dataSource(), schema);
            }
            List<String> problems = problems(store, converter);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        } catch (SQLException | RuntimeException e) {
            throw new IllegalArgumentException("converter " + ref + " cannot run on store '" + store.name() + "': "
                    + e.getMessage(), e);
        }
    }
}
