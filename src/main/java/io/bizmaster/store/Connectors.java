package io.bizmaster.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The connectors on the class path, by name: BizMaster's own and those in jars dropped into {@code connectors/}. A jar
 * that cannot be loaded, a connector with a malformed name and two connectors with one name are problems reported all
 * together, never a silent choice of one.
 */
public final class Connectors {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Map<String, Connector> byName;
    private final List<String> problems;

    private Connectors(Map<String, Connector> byName, List<String> problems) {
        this.byName = byName;
        this.problems = List.copyOf(problems);
    }

    /** Every {@link Connector} that {@link ServiceLoader} finds through this class loader. */
    public static Connectors discover(ClassLoader classLoader) {
        Map<String, Connector> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        var loader = ServiceLoader.load(Connector.class, classLoader).iterator();
        while (true) {
            Connector connector;
            try {
                if (!loader.hasNext()) {
                    break;
                }
                connector = loader.next();
            } catch (ServiceConfigurationError e) {
                problems.add("a connector could not be loaded: " + e.getMessage());
                continue;
            }
            add(connector, byName, problems);
        }
        return new Connectors(byName, problems);
    }

    /** These connectors only (tests, and an application that wires its own). */
    public static Connectors of(Collection<? extends Connector> connectors) {
        Map<String, Connector> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        connectors.forEach(c -> add(c, byName, problems));
        return new Connectors(byName, problems);
    }

    private static void add(Connector connector, Map<String, Connector> byName, List<String> problems) {
        String name = connector.name();
        String where = connector.getClass().getName() + " (from " + source(connector) + ")";
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("connector " + where + " is named '" + name + "'; a name must match " + NAME.pattern());
            return;
        }
        Connector other = byName.putIfAbsent(name, connector);
        if (other != null && other.getClass() != connector.getClass()) {
            problems.add("two connectors are named '" + name + "': " + other.getClass().getName() + " (from "
                    + source(other) + ") and " + where + "; remove one jar from connectors/");
        }
    }

    private static String source(Connector connector) {
        var domain = connector.getClass().getProtectionDomain();
        var code = domain == null ? null : domain.getCodeSource();
        return code == null || code.getLocation() == null ? "the class path" : code.getLocation().toString();
    }

    public Optional<Connector> get(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public Collection<Connector> all() {
        return byName.values();
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** What went wrong while finding them; start-up reports these with the stores' own problems. */
    public List<String> problems() {
        return problems;
    }
}
