package io.bizmaster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.PackagedJar;
import io.bizmaster.testing.TestPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The path a connector's author follows, end to end: the example connector in {@code connectors/examples/jsonl} is
 * built by Maven on its own against {@code target/bizmaster-connector-api.jar}, its jar is dropped into
 * {@code connectors/} beside the packaged bizmaster.jar, it is listed by name, and {@code demo} runs with a store on
 * it: every change of every command the converter handles is in the journal exactly once, in seq order.
 */
class ExampleConnectorIT {

    private static final Path API = Path.of("target", "bizmaster-connector-api.jar").toAbsolutePath();
    private static final Path EXAMPLE = Path.of("connectors", "examples", "jsonl").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void theExampleConnectorIsBuiltDroppedInFoundByNameAndFedByTheDemo() throws Exception {
        assertThat(API).as("the connector API jar (mvn package builds it before this test)").exists();
        PackagedJar jar = new PackagedJar(folder);
        PackagedJar.Result built = jar.run(EXAMPLE, List.of("mvn", "-B", "-ntp", "-q", "package", "-Dbizmaster.api=" + API));
        assertThat(built.exit()).as(built.output()).isZero();
        Path connectors = Files.createDirectories(folder.resolve("connectors"));
        Files.copy(EXAMPLE.resolve("target").resolve("bizmaster-jsonl-connector.jar"),
                connectors.resolve("bizmaster-jsonl-connector.jar"));

        PackagedJar.Result listed = jar.run("connectors", "jsonl");
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("jsonl", "folder", "a JSON-lines journal of every change per store");

        Path journals = folder.resolve("journals");
        PackagedJar.Result demo = jar.run("demo", "--commands", "2000", "--customers", "100",
                "--bizmaster.broker.port=" + TestPorts.free(),
                "--bizmaster.stores.journal.role=shadow",
                "--bizmaster.stores.journal.converter=cache@1",
                "--bizmaster.stores.journal.connector=jsonl",
                "--bizmaster.stores.journal.options.folder=" + journals);
        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("journal (shadow) at 2,000");

        JdbcDataSource log = new JdbcDataSource();
        log.setURL("jdbc:h2:file:" + folder.resolve("data").resolve("bizmaster"));
        log.setUser("sa");
        // The demo's second act posts more commands while it migrates: the journal is at the log's head.
        Object head = DemoStores.rows(log, "SELECT id, seq FROM log_head").get("1").get(0);
        assertThat(Files.readString(journals.resolve("journal.checkpoint"))).startsWith(head + " ");
        BConverter cache = new ConverterRegistry(Path.of("converters"), List.of()).get("cache@1");
        Set<Long> expected = new TreeSet<>();
        DemoStores.rows(log, "SELECT seq, type, status FROM command_log").forEach((seq, row) -> {
            if ("ACCEPTED".equals(row.get(1)) && cache.handles((String) row.get(0))) {
                expected.add(Long.parseLong(seq));
            }
        });
        List<Long> journaled = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(journals.resolve("journal.jsonl"))) {
            JsonNode change = json.readTree(line);
            journaled.add(change.path("seq").asLong());
        }
        assertThat(journaled).as("every change once, in seq order").isSorted().doesNotHaveDuplicates();
        assertThat(new TreeSet<>(journaled)).isEqualTo(expected);
    }
}
