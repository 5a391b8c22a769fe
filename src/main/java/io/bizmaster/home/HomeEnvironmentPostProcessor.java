package io.bizmaster.home;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When {@code bizmaster.home} is set, BizMaster's relative paths resolve from it instead of the process's working
 * folder, which the JVM cannot change: the broker configuration and journal, the catalogue, the converters, the route
 * files, the generated credentials, and the files of H2 databases ({@code jdbc:h2:file:./data/...}, of the business
 * store and of any store). Runs after the configuration files are read, so what they and the command line say is what
 * gets resolved; the resolved values go first, in a property source of their own. Without {@code bizmaster.home}
 * nothing changes.
 */
public final class HomeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** After the configuration files (application.yaml, spring.config.additional-location) are read. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

    static final String SOURCE = "bizmaster-home";

    /** The settings that name a file or folder. */
    static final Set<String> PATHS = Set.of("bizmaster.broker.config", "bizmaster.broker.data-dir",
            "bizmaster.intake.catalog", "bizmaster.converters-dir", "bizmaster.security.credentials-file",
            "bizmaster.forwarding");

    /** A named domain's catalogue and publications (issue 18): files of the home like the default catalogue. */
    private static final Pattern DOMAIN_FILE = Pattern.compile("bizmaster\\.domains\\.[^.]+\\.(catalog|publications)");

    private static final Pattern PASSWORD_FILE = Pattern.compile("bizmaster\\.security\\.users\\.[^.]+\\.password-file");
    private static final String ROUTES = "camel.main.routes-include-pattern";
    private static final String H2_FILE = "jdbc:h2:file:";

    private final Log log;

    public HomeEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(HomeEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String given = environment.getProperty(BizMasterHome.PROPERTY);
        if (given == null || given.isBlank()) {
            return;
        }
        Path home = Path.of(given).toAbsolutePath().normalize();
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException(BizMasterHome.PROPERTY + " " + given + " is not a folder: give the folder "
                    + "that holds artemis/, commands/, converters/ and routes/");
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (String name : names(environment)) {
            String value;
            try {
                value = environment.getProperty(name);
            } catch (IllegalArgumentException e) {
                continue; // a placeholder nothing resolves: the binder reports it where it matters, as without a home
            }
            if (value == null) {
                continue;
            }
            String inHome = resolve(name, value, home);
            if (!inHome.equals(value)) {
                resolved.put(name, inHome);
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, resolved));
        log.info("BizMaster home " + home + (resolved.isEmpty() ? "" : ": " + String.join(", ", resolved.keySet())
                + " resolved from it"));
    }

    /** The value with its relative paths resolved from home; the value itself when it names none. */
    static String resolve(String name, String value, Path home) {
        if (PATHS.contains(name) || PASSWORD_FILE.matcher(name).matches() || DOMAIN_FILE.matcher(name).matches()) {
            return relative(value) ? home.resolve(value).normalize().toString() : value;
        }
        if (name.equals(ROUTES)) {
            return Arrays.stream(value.split(",")).map(String::strip)
                    .map(p -> p.startsWith("file:") && relative(p.substring(5)) ? "file:" + home.resolve(p.substring(5))
                            .normalize() : p)
                    .collect(Collectors.joining(","));
        }
        if (value.startsWith(H2_FILE)) {
            String rest = value.substring(H2_FILE.length());
            int settings = rest.indexOf(';');
            String file = settings < 0 ? rest : rest.substring(0, settings);
            // Only ./ and ../ are relative to H2: an implicitly relative path it refuses, and the URL policy says so.
            if (file.startsWith("./") || file.startsWith("../")) {
                return H2_FILE + home.resolve(file).normalize() + (settings < 0 ? "" : rest.substring(settings));
            }
        }
        return value;
    }

    private static boolean relative(String path) {
        return !path.isBlank() && !path.startsWith("~") && !Path.of(path).isAbsolute();
    }

    /** Every property name any source knows, in Spring Boot's canonical form (an environment variable's too). */
    private static List<String> names(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().map(ConfigurationPropertyName::toString).forEach(names::add);
            }
        }
        return List.copyOf(names);
    }
}
