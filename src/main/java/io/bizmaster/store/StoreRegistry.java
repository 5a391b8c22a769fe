package io.bizmaster.store;

import io.bizmaster.store.jdbc.Checkpoints;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.store.jdbc.JdbcUrlPolicy;
import io.bizmaster.store.jdbc.ParkedCommands;
import io.bizmaster.store.jdbc.StoreSchema;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered stores, built from configuration and validated at start-up: every problem of every
 * store is reported at once, naming the store and the setting.
 */
public class StoreRegistry implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private final Map<String, Store> stores = new LinkedHashMap<>();
    private final ConverterCheck converters;
    private final Path convertersDir;

    public StoreRegistry(StoresProperties properties, Connectors connectors, ConverterCheck converters,
                         StoreControl control, ConnectorContext context) {
        this.converters = converters;
        this.convertersDir = properties.convertersDir();
        List<String> problems = new ArrayList<>(connectors.problems());
        properties.stores().forEach((name, declared) -> validate(name, declared, connectors, problems));
        long primaries = properties.stores().values().stream().filter(s -> s.role() == StoreRole.PRIMARY).count();
        if (primaries > 1) {
            problems.add("more than one store has role primary: only one store can be the system of record");
        }
        if (!problems.isEmpty()) {
            throw new InvalidStoreConfigurationException(problems);
        }
        properties.stores().forEach((name, declared) -> {
            Connector connector = connectors.get(declared.connector()).orElseThrow();
            Map<String, String> options = declared.options() == null ? Map.of() : declared.options();
            StoreTarget target = connector.open(name, options, context);
            Store store = new Store(name, declared.role(), ConverterRef.parse(declared.converter()), connector.name(),
                    connector.capabilities(), visibleOptions(connector, options), target);
            store.paused(control.paused(name));
            // What an operator or a migration decided wins over the configuration, and says so.
            control.converter(name).filter(c -> !c.equals(store.converter())).ifPresent(c -> {
                LOG.info("Store '{}' runs converter {} (switched by an operator; configured: {})", name, c, store.converter());
                store.converter(c);
            });
            control.role(name).filter(r -> r != store.role()).ifPresent(r -> {
                LOG.info("Store '{}' has role {} (set by a migration; configured: {})", name, r, store.role());
                store.role(r);
            });
            stores.put(name, store);
        });
    }

    private void validate(String name, StoreProperties declared, Connectors connectors, List<String> problems) {
        String where = "store '" + name + "'";
        if (!NAME.matcher(name).matches()) {
            problems.add(where + ": a store name must match " + NAME.pattern());
        }
        if (declared.role() == null) {
            problems.add(where + ": role is missing (primary, shadow or detached)");
        }
        if (declared.converter() == null) {
            problems.add(where + ": converter is missing (name@version, e.g. legacy@1)");
        } else {
            try {
                converters.problem(ConverterRef.parse(declared.converter())).ifPresent(p -> problems.add(where + ": " + p));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        if (declared.connector() == null || declared.connector().isBlank()) {
            problems.add(where + ": connector is missing; known: " + connectors.names());
            return;
        }
        Connector connector = connectors.get(declared.connector()).orElse(null);
        if (connector == null) {
            problems.add(where + ": unknown connector '" + declared.connector() + "'; known: " + connectors.names()
                    + " (a connector of your own goes into connectors/ as a jar: docs/CONNECTORS.md)");
            return;
        }
        Map<String, String> options = declared.options() == null ? Map.of() : declared.options();
        for (ConnectorOption option : connector.options()) {
            String value = options.get(option.name());
            if (value == null || value.isBlank()) {
                if (option.required()) {
                    problems.add(where + ": connector '" + connector.name() + "' needs option '" + option.name() + "' ("
                            + option.description() + ")");
                }
            } else {
                option.problem(value).ifPresent(p -> problems.add(where + ": " + p));
            }
        }
        connector.problems(options).forEach(p -> problems.add(where + ": " + p));
        for (String given : options.keySet()) {
            if (connector.options().stream().noneMatch(o -> o.name().equals(given))) {
                problems.add(where + ": connector '" + connector.name() + "' has no option '" + given + "'; it takes "
                        + connector.options().stream().map(ConnectorOption::name).toList());
            }
        }
    }

    private static Map<String, String> visibleOptions(Connector connector, Map<String, String> options) {
        Map<String, String> visible = new TreeMap<>();
        for (ConnectorOption option : connector.options()) {
            if (options.containsKey(option.name())) {
                // A URL may carry a password (password=…, user:password@): shown masked like a secret option.
                visible.put(option.name(), option.secret() ? "******" : JdbcUrlPolicy.masked(options.get(option.name())));
            }
        }
        return visible;
    }

    /**
     * Creates the store's schema (the converter's Flyway migrations) and its checkpoint row. Called at
     * start-up and again before applying if the store was unreachable then.
     */
    public synchronized void prepare(Store store) throws SQLException {
        if (store.prepared()) {
            return;
        }
        if (store.target() instanceof RecordTarget records) {
            // No schema and no tables: the checkpoint and the parked commands are records of the store's own.
            store.parkedKeys(records.parkedKeys());
            store.checkpointSeen(records.checkpoint());
            store.prepared(null);
            return;
        }
        Path schema = convertersDir.resolve(store.converter().name()).resolve("schema");
        if (Files.isDirectory(schema)) {
            StoreSchema.migrate(store.dataSource(), schema);
        }
        try (Connection c = store.connection()) {
            Checkpoints.createTable(c, store.name());
            ParkedCommands.createTable(c);
            store.parkedKeys(ParkedCommands.parkedKeys(c, store.name()));
            store.prepared(Dialect.of(c));
            store.checkpointSeen(Checkpoints.read(c, store.name()));
        }
    }

    /** Prepares every store it can reach; one that is down is prepared when it comes back. */
    public void prepareAll() {
        for (Store store : stores.values()) {
            try {
                prepare(store);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Store '{}' is not reachable yet ({}); its commands wait in its queue until it is",
                        store.name(), e.getMessage());
            }
        }
    }

    public Collection<Store> all() {
        return stores.values();
    }

    /** The store of that name, if this configuration has one (a finished migration may name one it no longer has). */
    public java.util.Optional<Store> find(String name) {
        return java.util.Optional.ofNullable(stores.get(name));
    }

    public Store get(String name) {
        Store store = stores.get(name);
        if (store == null) {
            throw new UnknownStoreException(name, stores.keySet());
        }
        return store;
    }

    @Override
    public void close() throws IOException {
        for (Store store : stores.values()) {
            store.target().close();
        }
    }
}
