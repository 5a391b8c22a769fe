package io.bizmaster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.PackagedJar;
import io.bizmaster.testing.TestPorts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path a user follows to add a connector: a jar with a {@link Connector} and its META-INF/services entry, dropped
 * into connectors/ beside the packaged bizmaster.jar, found by name with no rebuild: listed by {@code connectors},
 * known to start-up's check of the stores, and refused when two jars claim one name.
 */
class ConnectorJarIT {

    @TempDir
    Path folder;

    @Test
    void aConnectorJarInTheConnectorsFolderIsFoundByName() throws Exception {
        Path connectors = Files.createDirectories(folder.resolve("connectors"));
        connectorJar(connectors.resolve("h2-folder.jar"), "example.H2FolderConnector", "h2-folder");

        PackagedJar.Result listed = new PackagedJar(folder).run("connectors");
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("jdbc", "h2-folder").contains("an H2 database per store in one folder");

        PackagedJar.Result schema = new PackagedJar(folder).run("connectors", "h2-folder", "--json");
        assertThat(schema.exit()).as(schema.output()).isZero();
        assertThat(schema.output()).contains("\"title\" : \"h2-folder\"", "\"required\" : [ \"folder\" ]");

        // Start-up knows it too: a store naming a connector nobody has lists the one from the jar among the known.
        PackagedJar.Result run = new PackagedJar(folder).run("run", "--server.port=0", "--bizmaster.broker.port=" + TestPorts.free(),
                "--bizmaster.stores.modern.connector=nosuch");
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("store 'modern': unknown connector 'nosuch'; known: [camel, h2-folder, jdbc, redis]");
    }

    /**
     * The launcher puts the current folder's connectors/ on the class path; a home given with --home or
     * BIZMASTER_HOME (or found beside the jar) has its connectors/ found too, from whatever folder BizMaster runs in.
     */
    @Test
    void aConnectorJarInTheHomesConnectorsFolderIsFoundFromAnotherFolder() throws Exception {
        Path home = new PackagedJar(Files.createDirectories(folder.resolve("home"))).install();
        connectorJar(Files.createDirectories(home.resolve("connectors")).resolve("h2-folder.jar"), "example.H2FolderConnector",
                "h2-folder");
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
        PackagedJar jar = new PackagedJar(folder);

        PackagedJar.Streams byOption = jar.run(elsewhere, PackagedJar.jar(), Map.of(), "connectors", "--home", home.toString());
        assertThat(byOption.exit()).as(byOption.stderr()).isZero();
        assertThat(byOption.stdout()).contains("h2-folder", "an H2 database per store in one folder");
        PackagedJar.Streams byEnvironment = jar.run(elsewhere, PackagedJar.jar(), Map.of("BIZMASTER_HOME", home.toString()),
                "connectors", "h2-folder", "--json");
        assertThat(byEnvironment.exit()).as(byEnvironment.stderr()).isZero();
        assertThat(byEnvironment.stdout()).contains("\"title\" : \"h2-folder\"", "\"required\" : [ \"folder\" ]");
        PackagedJar.Streams elsewhereOnly = jar.run(elsewhere, PackagedJar.jar(), Map.of(), "connectors", "--home",
                elsewhere.toString());
        assertThat(elsewhereOnly.exit()).as(elsewhereOnly.stderr()).isZero();
        assertThat(elsewhereOnly.stdout()).as("another home, another connectors/").doesNotContain("h2-folder");
    }

    @Test
    void twoJarsClaimingOneNameAreAProblemListedWithBoth() throws Exception {
        Path connectors = Files.createDirectories(folder.resolve("connectors"));
        connectorJar(connectors.resolve("one.jar"), "example.One", "twin");
        connectorJar(connectors.resolve("two.jar"), "example.Two", "twin");
        PackagedJar.Result listed = new PackagedJar(folder).run("connectors");
        assertThat(listed.exit()).as(listed.output()).isEqualTo(1);
        assertThat(listed.output()).contains("two connectors are named 'twin'", "example.One", "example.Two");
    }

    /** Compiles one connector class and packs it with its service entry, as a connector's own build would. */
    private void connectorJar(Path jar, String className, String name) throws IOException {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String simple = className.substring(className.lastIndexOf('.') + 1);
        Path src = Files.createDirectories(folder.resolve("src-" + simple).resolve(pkg.replace('.', '/')));
        Path out = Files.createDirectories(folder.resolve("classes-" + simple));
        Path source = src.resolve(simple + ".java");
        Files.writeString(source, """
                package %s;

                import io.bizmaster.store.*;
                import java.util.List;
                import java.util.Map;

                public class %s implements Connector {
                    public String name() { return "%s"; }
                    public String description() { return "an H2 database per store in one folder"; }
                    public List<ConnectorOption> options() {
                        return List.of(ConnectorOption.required("folder", new OptionType.Text(), "where the files go"));
                    }
                    public ConnectorCapabilities capabilities() {
                        return new ConnectorCapabilities(ConnectorCapabilities.Checkpointing.TRANSACTIONAL, true, true);
                    }
                    public StoreTarget open(String store, Map<String, String> options, ConnectorContext context) {
                        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
                        h2.setURL("jdbc:h2:file:" + options.get("folder") + "/" + store);
                        return new RelationalTarget(h2);
                    }
                }
                """.formatted(pkg, simple, name));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                source.toString());
        assertThat(compiled).as("the example connector compiles").isZero();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream packed = new JarOutputStream(file)) {
            String classFile = className.replace('.', '/') + ".class";
            packed.putNextEntry(new JarEntry(classFile));
            packed.write(Files.readAllBytes(out.resolve(classFile)));
            packed.closeEntry();
            packed.putNextEntry(new JarEntry("META-INF/services/" + Connector.class.getName()));
            packed.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            packed.closeEntry();
        }
    }
}
