package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.cli.BizMasterCli;
import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.command.ParseResult;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The files in examples/ do what the README's lines say: the commands are valid, the definitions parse, and a server
 * run with examples/modern2-store.yaml takes examples/command.json over HTTP, examples/commands.jsonl through the
 * post verb, and examples/migration.yaml through migrate create, up to READY, with the demo's data as well.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path data;

    @Test
    void theExampleCommandsAreValidAndTheDefinitionsParse() throws Exception {
        CommandParser parser = new CommandParser(new CommandCatalog(Path.of("commands/catalog.yaml")));
        List<String> commands = new java.util.ArrayList<>(Files.readAllLines(EXAMPLES.resolve("commands.jsonl")));
        commands.add(Files.readString(EXAMPLES.resolve("command.json")));
        for (String command : commands) {
            ParseResult result = parser.parse(command.getBytes(StandardCharsets.UTF_8));
            assertThat(result).as(command).isInstanceOf(ParseResult.Accepted.class);
        }
        MigrationDefinitions definitions = new MigrationDefinitions(new DefinitionLoader());
        assertThat(definitions.parse(Files.readString(EXAMPLES.resolve("migration.yaml"))).id()).isEqualTo("modern-v2");
        assertThat(definitions.parse(Files.readString(EXAMPLES.resolve("log-move.yaml"))).id()).isEqualTo("log-to-pg");
    }

    @Test
    void theReadmeLinesWorkWithTheExampleFiles() throws Exception {
        JsonNode modern2 = new YAMLMapper().readTree(EXAMPLES.resolve("modern2-store.yaml").toFile())
                .path("bizmaster").path("stores").path("modern2");
        // The example's settings as they are, only its H2 file in this test's folder.
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.stores.modern2.role", modern2.path("role").asString())
                .with("bizmaster.stores.modern2.converter", modern2.path("converter").asString())
                .with("bizmaster.stores.modern2.connector", modern2.path("connector").asString())
                .with("bizmaster.stores.modern2.options.url", "jdbc:h2:file:" + data.resolve("stores/modern2"))
                .with("bizmaster.stores.modern2.options.username", modern2.path("options").path("username").asString());
        try (ConfigurableApplicationContext context = app.start()) {
            Http http = Http.of(context);
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.DETACHED);

            assertThat(http.post("/api/commands", Files.readString(EXAMPLES.resolve("command.json"))).statusCode()).isEqualTo(202);
            String broker = "tcp://127.0.0.1:" + context.getEnvironment().getProperty("bizmaster.broker.port");
            assertThat(BizMasterCli.commandLine().execute("post", EXAMPLES.resolve("commands.jsonl").toString(),
                    "--broker", broker)).isZero();
            Eventually.await("the six example commands applied", Duration.ofMinutes(1),
                    () -> log.head() == 6 && stores.get("legacy").knownCheckpoint() == 6);
            assertThat(log.byCommandId("example-6")).hasSize(1);
            // The demo's data too: its e-mail addresses are mixed-case, which modern@2 (the example's converter) lower-cases.
            io.bizmaster.demo.DemoStream demo = io.bizmaster.demo.DemoStream.generate(2_000, 120, 7, "example-demo");
            context.getBean(io.bizmaster.gateway.CommandPoster.class).post(demo.messages().stream()
                    .map(m -> io.bizmaster.gateway.CommandSplitter.split(m).get(0)).toList());
            Eventually.await("the demo's commands applied", Duration.ofMinutes(1),
                    () -> log.head() == 2_006 && stores.get("legacy").knownCheckpoint() == 2_006);

            String[] create = concat(new String[] {"migrate", "create", EXAMPLES.resolve("migration.yaml").toString()}, http.cli());
            assertThat(BizMasterCli.commandLine().execute(create)).isZero();
            JsonNode ready = MigrationTestSupport.awaitPhase(http, "modern-v2", "READY", Duration.ofMinutes(2));
            assertThat(ready.path("verification").asString()).as("legacy and the lower-casing modern@2 agree, by the "
                    + "projections' declared rule").startsWith("passed: EQUAL");
        }
    }

    /**
     * examples/postgres-mariadb.yaml as written, only its schema and database names made this test's own: the command log
     * and legacy on PostgreSQL, modern on MariaDB, a stream applied to both and the two verified equal.
     */
    @Test
    void thePostgresAndMariaDbExampleRuns() throws Exception {
        JsonNode example = new YAMLMapper().readTree(EXAMPLES.resolve("postgres-mariadb.yaml").toFile());
        String business = io.bizmaster.testing.ExternalDatabases.freshPostgres();
        String legacy = io.bizmaster.testing.ExternalDatabases.freshPostgres();
        String modern = io.bizmaster.testing.ExternalDatabases.freshMariaDb();
        JsonNode stores = example.path("bizmaster").path("stores");
        TestApplication app = TestApplication.inFolder(data)
                .with("spring.datasource.url", own(example.at("/spring/datasource/url").asString(), business))
                .with("spring.datasource.username", example.at("/spring/datasource/username").asString())
                .with("spring.datasource.password", example.at("/spring/datasource/password").asString())
                .with("bizmaster.stores.legacy.options.url", own(stores.at("/legacy/options/url").asString(), legacy))
                .with("bizmaster.stores.legacy.options.username", stores.at("/legacy/options/username").asString())
                .with("bizmaster.stores.legacy.options.password", stores.at("/legacy/options/password").asString())
                .with("bizmaster.stores.modern.options.url", own(stores.at("/modern/options/url").asString(), modern))
                .with("bizmaster.stores.modern.options.username", stores.at("/modern/options/username").asString())
                .with("bizmaster.stores.modern.options.password", stores.at("/modern/options/password").asString());
        io.bizmaster.demo.DemoStream stream = io.bizmaster.demo.DemoStream.generate(1_000, 80, 5, "pgm");
        try (ConfigurableApplicationContext context = app.start()) {
            context.getBean(io.bizmaster.gateway.CommandPoster.class).post(stream.messages().stream()
                    .map(m -> io.bizmaster.gateway.CommandSplitter.split(m).get(0)).toList());
            StoreRegistry stores2 = context.getBean(StoreRegistry.class);
            Eventually.await("the stream applied on PostgreSQL and MariaDB", Duration.ofMinutes(2),
                    () -> stores2.get("legacy").knownCheckpoint() == 1_000 && stores2.get("modern").knownCheckpoint() == 1_000);
            assertThat(stores2.get("legacy").dialect()).isEqualTo(io.bizmaster.store.jdbc.Dialect.POSTGRESQL);
            assertThat(stores2.get("modern").dialect()).isEqualTo(io.bizmaster.store.jdbc.Dialect.MARIADB);
            Http http = Http.of(context);
            JsonNode started = MigrationTestSupport.json(http.post("/api/verifications", "{\"source\": \"legacy\", \"target\": \"modern\"}"));
            JsonNode[] report = new JsonNode[1];
            Eventually.await("the verification", Duration.ofMinutes(1), () -> {
                report[0] = MigrationTestSupport.json(http.get("/api/verifications/" + started.path("id").asString()));
                return !report[0].path("state").asString().equals("RUNNING");
            });
            assertThat(report[0].path("outcome").asString()).as(report[0].toString()).isEqualTo("EQUAL");
        }
    }

    /**
     * The example's URL with this test's schema or database in place of the example's: the fresh URL's own, on the
     * example's host and port.
     */
    private static String own(String exampleUrl, String freshUrl) {
        if (exampleUrl.startsWith("jdbc:postgresql:")) {
            String schema = freshUrl.replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
            return exampleUrl.replaceAll("currentSchema=[a-z0-9_]+", "currentSchema=" + schema);
        }
        String database = freshUrl.replaceAll("jdbc:mariadb://[^/]+/([a-z0-9_]+).*", "$1");
        return exampleUrl.replaceAll("/[a-z0-9_]+$", "/" + database);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
