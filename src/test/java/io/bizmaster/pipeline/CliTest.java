package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.Cli;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.PipelineTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's verbs against the running application: post a file, read the status, operate a store, verify; each
 * verb's --json (the API's answer, or an object of the same facts, alone on standard output), its exit codes, and the
 * one line a missing or unreadable file gets.
 */
class CliTest extends PipelineTestSupport {

    /** Trailing tokens fail: standard output must be one JSON document and nothing else. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @LocalServerPort
    int httpPort;

    @TempDir
    Path folder;

    @Test
    void postSendsEachLineAndStatusShowsEveryStoreAtTheHead() throws Exception {
        long before = log.head();
        Path file = folder.resolve("commands.jsonl");
        Files.writeString(file, String.join("\n",
                new String(Commands.registered("cli-1", "cli-C1", "Ken Thompson"), StandardCharsets.UTF_8),
                "",
                "{\"id\":\"cli-2\",\"type\":\"customer.renamed\",\"key\":\"cli-C1\"}",
                new String(Commands.credited("cli-3", "cli-C1", 42, "2026-03-01T12:00:00Z"), StandardCharsets.UTF_8)) + "\n");

        Cli.Run post = run("post", file.toString(), "--broker", "tcp://127.0.0.1:" + BROKER_PORT);
        assertThat(post.code()).isZero();
        assertThat(post.verbOut()).contains("sent 3, failed 0");
        awaitApplied(before + 3, Duration.ofSeconds(60));
        assertThat(log.byCommandId("cli-2").get(0).reason()).isEqualTo("payload: required field is missing");
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, BALANCE FROM CUSTOMER WHERE ID = ?", "cli-C1"))
                .containsEntry("cli-C1", List.of(42L));

        Cli.Run status = run(server("status"));
        assertThat(status.code()).isZero();
        String head = String.format("%,d", log.head());
        assertThat(status.verbOut()).containsPattern("legacy\\s+primary\\s+legacy@1\\s+running\\s+" + head + "\\s+" + head + "\\s+0");
        assertThat(status.verbOut()).containsPattern("modern\\s+shadow\\s+modern@1\\s+running\\s+" + head + "\\s+" + head + "\\s+0");

        // --json: the same facts, as JSON alone on standard output.
        Path again = folder.resolve("again.jsonl");
        Files.writeString(again, new String(Commands.renamed("cli-4", "cli-C1", "Dennis Ritchie"), StandardCharsets.UTF_8) + "\r\n");
        Cli.Run posted = run("post", again.toString(), "--broker", "tcp://127.0.0.1:" + BROKER_PORT, "--json");
        assertThat(posted.code()).isZero();
        JsonNode sent = json(posted);
        assertThat(sent.path("sent").asInt()).isEqualTo(1);
        assertThat(sent.path("failed").asInt()).isZero();
        assertThat(sent.path("file").asString()).isEqualTo(again.toString());
        assertThat(sent.path("firstError").isNull()).isTrue();
        awaitApplied(before + 4, Duration.ofSeconds(60));
        assertThat(log.byCommandId("cli-4").get(0).reason()).as("the line without its \\r\\n, accepted").isNull();

        JsonNode stores = json(run(server("status", "--json")));
        assertThat(stores.isArray()).isTrue();
        assertThat(stores.findValuesAsString("name")).contains("legacy", "modern");
        for (JsonNode s : stores) {
            assertThat(s.path("checkpoint").asLong()).as(s.toString()).isEqualTo(log.head());
            assertThat(s.path("lag").asLong()).isZero();
        }
    }

    @Test
    void storePauseAndResumeAreOneVerbEach() throws Exception {
        Cli.Run pause = run(server("store", "pause", "modern"));
        assertThat(pause.code()).isZero();
        assertThat(pause.verbOut()).startsWith("store modern: paused at checkpoint").containsOnlyOnce("\n");
        assertThat(storeStatus("modern").paused()).isTrue();
        Cli.Run resume = run(server("store", "resume", "modern", "--json"));
        assertThat(resume.code()).isZero();
        JsonNode resumed = json(resume);
        assertThat(resumed.path("name").asString()).isEqualTo("modern");
        assertThat(resumed.path("paused").asBoolean()).isFalse();
        assertThat(storeStatus("modern").paused()).isFalse();

        Cli.Run unknown = run(server("store", "pause", "nosuch"));
        assertThat(unknown.code()).as("a 4xx: the answer is no").isEqualTo(1);
        assertOneLine(unknown, "store pause nosuch: 404 ", "no store named 'nosuch'");
        Cli.Run unknownJson = run(server("store", "pause", "nosuch", "--json"));
        assertThat(unknownJson.code()).as("--json: the same exit code").isEqualTo(1);
        assertOneLine(unknownJson, "store pause nosuch: 404 ");
        Cli.Run spaced = run(server("store", "pause", "no such/store"));
        assertThat(spaced.code()).as("a name that is not one path segment is still one name, refused by the server").isIn(1, 2);
        assertThat(spaced.verbErr()).startsWith("store pause no such/store: ").doesNotContain("Exception");
    }

    @Test
    void everyServerVerbPrintsTheApisAnswerWithJson() throws Exception {
        assertThat(run(server("store", "pause", "modern")).code()).isZero();
        try {
            Cli.Run set = run(server("store", "set-converter", "modern", "modern@1", "--json"));
            assertThat(set.code()).as(set.verbErr()).isZero();
            assertThat(json(set).path("converter").asString()).isEqualTo("modern@1");
            Cli.Run setText = run(server("store", "set-converter", "modern", "modern@1"));
            assertThat(setText.verbOut()).startsWith("store modern: paused at checkpoint").contains("converter modern@1");
        } finally {
            assertThat(run(server("store", "resume", "modern")).code()).isZero();
        }

        JsonNode parked = json(run(server("store", "parked", "legacy", "--json")));
        assertThat(parked.path("parkedNow").asLong()).isZero();
        assertThat(parked.path("commands").isArray()).isTrue();
        Cli.Run retried = run(server("store", "retry", "legacy", "--json"));
        assertThat(retried.code()).as(retried.verbErr()).isZero();
        assertThat(json(retried).path("applied").asInt()).isZero();

        Cli.Run migrations = run(server("migrate", "status", "--json"));
        assertThat(migrations.code()).as(migrations.verbErr()).isZero();
        assertThat(json(migrations).isArray()).isTrue();
        Cli.Run noMigration = run(server("migrate", "status", "nosuch", "--json"));
        assertThat(noMigration.code()).isEqualTo(1);
        assertOneLine(noMigration, "migrate status nosuch: 404 ");

        Cli.Run noReplay = run(server("replay", "--store", "legacy", "--json"));
        assertThat(noReplay.code()).as("no replay recorded: 404").isEqualTo(1);
        assertOneLine(noReplay, "replay --store legacy: 404 ");

        Cli.Run verify = run(server("verify", "legacy", "modern", "--json"));
        assertThat(verify.code()).as(verify.verbErr()).isZero();
        JsonNode report = json(verify);
        assertThat(report.path("outcome").asString()).isEqualTo("EQUAL");
        assertThat(report.path("state").asString()).isEqualTo("DONE");
        assertThat(report.path("summary").asString()).contains("store legacy and store modern are equal at seq");
        assertThat(verify.verbErr()).contains("Verification " + report.path("id").asString() + ": legacy against modern");
        assertThat(Path.of("verification-" + report.path("id").asString() + ".json"))
                .as("--json is the report: no file unless --report names one").doesNotExist();

        Cli.Run connectors = run("connectors", "--json");
        assertThat(connectors.code()).isZero();
        assertThat(json(connectors).findValuesAsString("title")).contains("jdbc", "redis", "camel");
    }

    @Test
    void verifyExitsZeroWhenEqualOneWhenDifferentTwoWhenItCannotVerify() throws Exception {
        Path equalReport = folder.resolve("reports/equal.json");
        Cli.Run equal = run(server("verify", "legacy", "modern", "--report", equalReport.toString()));
        assertThat(equal.code()).as(equal.verbOut() + equal.verbErr()).isZero();
        assertThat(equal.verbOut()).contains("EQUAL: store legacy and store modern are equal at seq").contains("Report: " + equalReport)
                .doesNotContain("\r");
        assertThat(JSON.readTree(equalReport.toFile()).path("outcome").asString()).isEqualTo("EQUAL");

        try (Connection c = store("modern").getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO customers (id, first_name, email) VALUES ('cli-drift', 'Drift', 'drift@example.com')");
        }
        try {
            Cli.Run different = run(server("verify", "legacy", "modern", "--report", folder.resolve("different.json").toString()));
            assertThat(different.code()).as(different.verbOut() + different.verbErr()).isEqualTo(1);
            assertThat(different.verbOut()).contains("DIFFERENT: store legacy and store modern differ")
                    .contains("customer cli-drift extra in modern");
            Cli.Run differentJson = run(server("verify", "legacy", "modern", "--json"));
            assertThat(differentJson.code()).isEqualTo(1);
            assertThat(json(differentJson).path("outcome").asString()).isEqualTo("DIFFERENT");
        } finally {
            try (Connection c = store("modern").getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM customers WHERE id = 'cli-drift'");
            }
        }

        Cli.Run unknown = run(server("verify", "legacy", "nosuch"));
        assertThat(unknown.code()).as("a verification the server refuses is 2, never 1 (different)").isEqualTo(2);
        assertOneLine(unknown, "cannot verify legacy against nosuch: 404 no store named 'nosuch'");
    }

    @Test
    void exitCodesSayWhoSaidNo() {
        assertThat(run(server("store", "pause", "nosuch")).code()).as("the server said no (4xx)").isEqualTo(1);
        Cli.Run noServer = run("status", "--url", "http://127.0.0.1:1");
        assertThat(noServer.code()).as("nothing answers").isEqualTo(2);
        assertOneLine(noServer, "BizMaster is not answering at http://127.0.0.1:1");
        Cli.Run noServerJson = run("status", "--url", "http://127.0.0.1:1", "--json");
        assertThat(noServerJson.code()).isEqualTo(2);
        assertOneLine(noServerJson, "BizMaster is not answering at http://127.0.0.1:1");
        Cli.Run noCredentials = run("status", "--url", "http://127.0.0.1:" + httpPort, "--home", folder.toString());
        assertThat(noCredentials.code()).as("refused credentials are the caller's problem").isEqualTo(2);
        assertOneLine(noCredentials, "needs credentials and there are none in " + folder.resolve("data/operator.credentials"));
        assertThat(run("status", "--no-such-option").code()).as("usage").isEqualTo(2);
        assertThat(run(server("replay", "--store", "modern", "--from", "x")).code()).as("usage").isEqualTo(2);
        Cli.Run negative = run(server("verify", "legacy", "modern", "--show", "-1"));
        assertThat(negative.code()).as("usage").isEqualTo(2);
        assertThat(negative.verbErr()).startsWith("--show must be 0 or more, got -1");
        Cli.Run zero = run(server("replay", "--store", "modern", "--wait", "--timeout", "PT0S"));
        assertThat(zero.code()).as("usage").isEqualTo(2);
        assertOneLine(zero, "--timeout must be positive, got PT0S");
        Cli.Run followAll = run(server("migrate", "status", "--follow"));
        assertThat(followAll.code()).as("usage").isEqualTo(2);
        assertThat(followAll.verbErr()).startsWith("--follow needs the migration's ID");
    }

    @Test
    void everyVerbAnswersHelpWithItsOwnUsageAndTheExitCodes() {
        String[][] verbs = {{"run"}, {"demo"}, {"post"}, {"status"}, {"store", "pause"}, {"store", "set-converter"},
            {"store", "parked"}, {"replay"}, {"verify"}, {"migrate"}, {"migrate", "create"}, {"migrate", "status"},
            {"migrate", "cutover"}, {"domains"}, {"bench"}, {"connectors"}};
        for (String[] verb : verbs) {
            String[] args = Arrays.copyOf(verb, verb.length + 1);
            args[verb.length] = "--help";
            Cli.Run run = Cli.run(args);
            String what = String.join(" ", args);
            assertThat(run.code()).as("%s: %s", what, run.verbErr()).isZero();
            assertThat(run.verbOut()).as(what).contains("Usage: bizmaster " + String.join(" ", verb))
                    .containsPattern("Exit codes:\\s+0\\s+done").containsPattern("\\n\\s+1\\s+the answer is no")
                    .containsPattern("\\n\\s+2\\s+could not do it").containsPattern("\\n\\s+3\\s+verify only");
            if (verb.length == 1 && !verb[0].equals("run") && !verb[0].equals("migrate") || verb.length == 2) {
                assertThat(run.verbOut()).as(what + " prints a result, so it has --json").contains("--json");
            }
        }
        assertThat(Cli.run("bench", "--help").verbOut()).contains("--latency-at");
        assertThat(Cli.run("migrate", "status", "--help").verbOut()).contains("--follow", "--timeout");
        assertThat(Cli.run("run", "--help").verbOut()).contains("--home").doesNotContain("--json");
    }

    @Test
    void aMissingOrUnreadableFileIsOneLineNamingItAndWhy() throws Exception {
        Path missing = folder.resolve("nosuch.jsonl");
        Path aFolder = Files.createDirectories(folder.resolve("a-folder"));
        Path aFile = Files.writeString(folder.resolve("plain.txt"), "not a folder");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"cannot read " + missing + ": no such file", "post", missing.toString()});
        cases.add(new String[] {"cannot read " + aFolder + ": it is a folder, not a file", "post", aFolder.toString()});
        cases.add(new String[] {"cannot read " + missing + ": no such file", "post", missing.toString(), "--json"});
        cases.add(new String[] {"cannot read " + folder.resolve("nosuch.yaml") + ": no such file",
            "migrate", "create", folder.resolve("nosuch.yaml").toString()});
        cases.add(new String[] {"cannot read " + aFolder + ": it is a folder, not a file", "migrate", "create", aFolder.toString()});
        cases.add(new String[] {"cannot read " + missing + ": no such file",
            "status", "--url", "http://127.0.0.1:" + httpPort, "--credentials", missing.toString()});
        cases.add(new String[] {"cannot write " + aFile.resolve("report.json") + ": " + aFile + " is a file, not a folder",
            "verify", "legacy", "modern", "--url", "http://127.0.0.1:" + httpPort, "--credentials", credentialsFile(),
            "--report", aFile.resolve("report.json").toString()});
        cases.add(new String[] {"cannot write " + aFolder + ": it is a folder, not a file", "bench", "--out", aFolder.toString()});
        cases.add(new String[] {"--home " + folder.resolve("nohome") + ": no such folder",
            "status", "--home", folder.resolve("nohome").toString()});
        cases.add(new String[] {"--home " + aFile + ": not a folder", "connectors", "--home", aFile.toString()});
        for (String[] c : cases) {
            Cli.Run run = run(Arrays.copyOfRange(c, 1, c.length));
            String what = String.join(" ", Arrays.copyOfRange(c, 1, c.length));
            assertThat(run.code()).as(what + ": " + run.verbErr()).isEqualTo(2);
            assertOneLine(run, c[0]);
        }
    }

    @Test
    void postReportsAnUnreachableBroker() throws Exception {
        Path file = folder.resolve("one.jsonl");
        Files.writeString(file, new String(Commands.renamed("cli-x", "cli-CX", "Nobody"), StandardCharsets.UTF_8));
        String broker = "tcp://127.0.0.1:1?reconnectAttempts=0&initialConnectAttempts=1";
        Cli.Run unreachable = run("post", file.toString(), "--broker", broker);
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.verbOut()).contains("sent 0, failed 1");
        assertThat(unreachable.verbErr()).contains("is the broker running at tcp://127.0.0.1:1");
        Cli.Run unreachableJson = run("post", file.toString(), "--broker", broker, "--json");
        assertThat(unreachableJson.code()).isEqualTo(1);
        JsonNode result = json(unreachableJson);
        assertThat(result.path("sent").asInt()).isZero();
        assertThat(result.path("failed").asInt()).isEqualTo(1);
        assertThat(result.path("firstError").asString()).isNotEmpty();
    }

    private String[] server(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + httpPort, "--credentials", credentialsFile()));
        return all.toArray(String[]::new);
    }

    /** Standard output is one JSON document, nothing else. */
    private static JsonNode json(Cli.Run run) {
        assertThat(run.verbOut()).as("stdout of --json (stderr: %s)", run.verbErr()).isNotBlank();
        return JSON.readTree(run.verbOut());
    }

    /** Nothing on standard output; one line on standard error holding each part, and no stack trace. */
    private static void assertOneLine(Cli.Run run, String... parts) {
        assertThat(run.verbOut()).as("stdout of a failure").isEmpty();
        List<String> lines = run.verbErr().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr: %s", run.verbErr()).hasSize(1);
        assertThat(lines.get(0)).contains(parts).doesNotContain("Exception");
    }

    private static Cli.Run run(String... args) {
        return Cli.run(args);
    }
}
