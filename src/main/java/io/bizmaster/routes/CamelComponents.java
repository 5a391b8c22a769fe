package io.bizmaster.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Camel components on a class path, found the way Camel finds them (a {@code META-INF/services/org/apache/camel/
 * component/NAME} entry per component, BizMaster's own and those of jars in {@code connectors/} included), and the
 * options each declares in the JSON its build generated beside it.
 */
final class CamelComponents {

    private static final String SERVICES = "META-INF/services/org/apache/camel/component/";

    private final ClassLoader loader;
    private final List<String> names;
    private final Map<String, Optional<ComponentOptions>> options = new HashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    CamelComponents(ClassLoader loader) {
        this.loader = loader;
        TreeSet<String> found = new TreeSet<>();
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
            for (Resource entry : resolver.getResources("classpath*:" + SERVICES + "*")) {
                if (entry.getFilename() != null && !entry.getFilename().isEmpty()) {
                    found.add(entry.getFilename());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Camel components on the class path", e);
        }
        this.names = List.copyOf(found);
    }

    boolean has(String scheme) {
        return loader.getResource(SERVICES + scheme) != null;
    }

    /** Every component name on the class path, sorted. */
    List<String> names() {
        return names;
    }

    /** The component's declared options; empty when it declares none (no JSON beside its class). */
    Optional<ComponentOptions> options(String scheme) {
        return options.computeIfAbsent(scheme, this::read);
    }

    private Optional<ComponentOptions> read(String scheme) {
        try (InputStream service = loader.getResourceAsStream(SERVICES + scheme)) {
            if (service == null) {
                return Optional.empty();
            }
            Properties entry = new Properties();
            entry.load(service);
            String type = entry.getProperty("class", "");
            int dot = type.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            String metadata = "META-INF/" + type.substring(0, dot).replace('.', '/') + "/" + scheme + ".json";
            try (InputStream in = loader.getResourceAsStream(metadata)) {
                if (in == null) {
                    return Optional.empty();
                }
                JsonNode model = json.readTree(in);
                return Optional.of(ComponentOptions.of(scheme, model));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the options of Camel component '" + scheme + "'", e);
        }
    }
}
