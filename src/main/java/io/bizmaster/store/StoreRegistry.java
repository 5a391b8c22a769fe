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
import java.util.stream.Collectors;
import javax.sql.DataSource;
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

    public StoreRegistry(StoresProperties properties, List<Connector> connectors, ConverterCheck converters,
                         StoreControl control) {
        this.converters = converters;
        this.convertersDir = properties.convertersDir();
        Map<String, Connector> byName = connectors.stream().collect(Collectors.toMap(Connector::name, c -> c));
        List<String> problems = new ArrayList<>();
        properties.stores().forEach((name, declared) -> validate(name, declared, byName, problems));
        long primaries = properties.stores().values().stream().filter(s -> s.role() == StoreRole.PRIMARY).count();
        if (primaries > 1) {
            problems.add("more than one store has role primary: only one store can be the system of record");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid store configuration:\n  - " + String.join("\n  - ", problems));
        }
        properties.stores().forEach((name, declared) -> {
            Connector connector = byName.get(declared.connector());
            Map<String, String> options = declared.options() == null ? Map.of() : declared.options();
            DataSource dataSource = connector.open(name, options);
            Store store = new Store(name, declared.role(), ConverterRef.parse(declared.converter()), connector.name(),
                    visibleOptions(connector, options), dataSource);
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

    private void validate(String name, StoreProperties declared, Map<String, Connector> connectors, List<String> problems) {
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
        Connector connector = connectors.get(declared.connector());
        if (connector == null) {
            problems.add(where + ": unknown connector '" + declared.connector() + "'; known: " + connectors.keySet());
            return;
        }
        Map<String, String> options = declared.options() == null ? Map.of() : declared.options();
        for (ConnectorOption option : connector.options()) {
            String value = options.get(option.name());
            if (option.required() && (value == null || value.isBlank())) {
                problems.add(where + ": connector '" + connector.name() + "' needs option '" + option.name() + "' ("
                        + option.description() + ")");
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
            if (store.dataSource() instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}
