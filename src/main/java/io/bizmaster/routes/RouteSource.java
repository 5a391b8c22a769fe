package io.bizmaster.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One route file's text and the name its problems carry: the path from the folder BizMaster runs in
 * ({@code routes/intake.camel.yaml}), so that a user finds it as written.
 *
 * @param text       the file's text; null when it could not be read
 * @param unreadable why it could not be read (not UTF-8, no permission); null when it was
 */
public record RouteSource(String name, String text, String unreadable) {

    public RouteSource(String name, String text) {
        this(name, text, null);
    }

    /** The folder, under the one BizMaster runs in, whose {@code *.camel.yaml} files are its routes by default. */
    public static final String FOLDER = "routes";

    /** {@code HOME/routes/*.camel.yaml} by name: what {@code file:routes/*.camel.yaml} loads when BizMaster runs in HOME. */
    public static List<RouteSource> folder(Path home) throws IOException {
        Path folder = home.resolve(FOLDER);
        List<RouteSource> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList()) {
                sources.add(read(name(file, home), () -> Files.readAllBytes(file)));
            }
        }
        return sources;
    }

    /**
     * The YAML files Camel loads for {@code camel.main.routes-include-pattern} (comma-separated, {@code file:} or
     * {@code classpath:}) less those of the exclude pattern; a file's name is relative to {@code home} when inside it.
     */
    public static List<RouteSource> matching(String includePattern, String excludePattern, Path home, ClassLoader loader)
            throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
        Map<String, Resource> found = new LinkedHashMap<>();
        for (String pattern : patterns(includePattern)) {
            for (Resource resource : resolver.getResources(pattern)) {
                String file = resource.getFilename();
                if (file != null && (file.endsWith(".yaml") || file.endsWith(".yml")) && resource.isReadable()) {
                    found.putIfAbsent(resource.getURI().toString(), resource);
                }
            }
        }
        for (String pattern : patterns(excludePattern)) {
            for (Resource resource : resolver.getResources(pattern)) {
                found.remove(resource.getURI().toString());
            }
        }
        List<RouteSource> sources = new ArrayList<>();
        for (Resource resource : found.values()) {
            String name = resource.isFile() ? name(resource.getFile().toPath(), home) : resource.getDescription();
            sources.add(read(name, () -> {
                try (InputStream in = resource.getInputStream()) {
                    return in.readAllBytes();
                }
            }));
        }
        sources.sort(Comparator.comparing(RouteSource::name));
        return sources;
    }

    private interface Bytes {
        byte[] read() throws IOException;
    }

    /** A file that cannot be read is a problem of that file, like any other: the other files are checked still. */
    private static RouteSource read(String name, Bytes bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.read())).toString();
            return new RouteSource(name, text);
        } catch (CharacterCodingException e) {
            return new RouteSource(name, null, "is not UTF-8 text (save it as UTF-8)");
        } catch (IOException e) {
            return new RouteSource(name, null, "cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static List<String> patterns(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Stream.of(list.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static String name(Path file, Path home) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = home.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
