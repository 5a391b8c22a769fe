package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.Cli;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.PipelineTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operator's verbs against the running application: post a file, read the status. */
class CliTest extends PipelineTestSupport {

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
        assertThat(post.out()).contains("sent 3, failed 0");
        awaitApplied(before + 3, Duration.ofSeconds(60));
        assertThat(log.byCommandId("cli-2").get(0).reason()).isEqualTo("payload: required field is missing");
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, BALANCE FROM CUSTOMER WHERE ID = ?", "cli-C1"))
                .containsEntry("cli-C1", List.of(42L));

        Cli.Run status = run("status", "--url", "http://127.0.0.1:" + httpPort, "--credentials", credentialsFile());
        assertThat(status.code()).isZero();
        String head = String.format("%,d", log.head());
        assertThat(status.out()).containsPattern("legacy\\s+primary\\s+legacy@1\\s+running\\s+" + head + "\\s+" + head + "\\s+0");
        assertThat(status.out()).containsPattern("modern\\s+shadow\\s+modern@1\\s+running\\s+" + head + "\\s+" + head + "\\s+0");
    }

    @Test
    void storePauseAndResumeAreOneVerbEach() {
        Cli.Run pause = run("store", "pause", "modern", "--url", "http://127.0.0.1:" + httpPort, "--credentials", credentialsFile());
        assertThat(pause.code()).isZero();
        assertThat(pause.out()).contains("\"name\":\"modern\"", "\"paused\":true");
        assertThat(storeStatus("modern").paused()).isTrue();
        Cli.Run resume = run("store", "resume", "modern", "--url", "http://127.0.0.1:" + httpPort, "--credentials", credentialsFile());
        assertThat(resume.code()).isZero();
        assertThat(resume.out()).contains("\"paused\":false");
        Cli.Run unknown = run("store", "pause", "nosuch", "--url", "http://127.0.0.1:" + httpPort, "--credentials", credentialsFile());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("404", "no store named 'nosuch'");
    }

    @Test
    void everyVerbAnswersHelpWithItsOwnUsage() {
        String[][] verbs = {{"run"}, {"demo"}, {"post"}, {"status"}, {"store", "pause"}, {"store", "set-converter"}, {"replay"},
            {"verify"}, {"migrate"}, {"migrate", "create"}, {"migrate", "cutover"}, {"bench"}};
        for (String[] verb : verbs) {
            String[] args = Arrays.copyOf(verb, verb.length + 1);
            args[verb.length] = "--help";
            Cli.Run run = Cli.run(args);
            assertThat(run.code()).as("%s: %s", String.join(" ", args), run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).contains("Usage: bizmaster " + String.join(" ", verb));
        }
        assertThat(Cli.run("bench", "--help").out()).contains("--latency-at");
    }

    @Test
    void postReportsAnUnreachableBrokerAndAMissingFile() throws Exception {
        Path file = folder.resolve("one.jsonl");
        Files.writeString(file, new String(Commands.renamed("cli-x", "cli-CX", "Nobody"), StandardCharsets.UTF_8));
        Cli.Run unreachable = run("post", file.toString(), "--broker", "tcp://127.0.0.1:1?reconnectAttempts=0&initialConnectAttempts=1");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.out()).contains("sent 0, failed 1");
        assertThat(unreachable.err()).contains("is the broker running at tcp://127.0.0.1:1");

        Cli.Run missing = run("post", folder.resolve("nope.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read " + folder.resolve("nope.jsonl") + ": no such file");

        Cli.Run noServer = run("status", "--url", "http://127.0.0.1:1");
        assertThat(noServer.code()).isEqualTo(2);
        assertThat(noServer.err()).contains("BizMaster is not answering at http://127.0.0.1:1");
    }

    private static Cli.Run run(String... args) {
        return Cli.run(args);
    }
}
