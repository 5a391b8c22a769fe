package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.Cli;
import io.bizmaster.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The long verbs as a script sees them (this test's standard output is not a terminal): {@code replay --wait},
 * {@code verify} and {@code migrate status ID --follow} print plain progress lines, one per change (a phase, a new
 * kind of message, another tenth of the way), never one per look; with --json their last answer alone on standard
 * output. The rates cap the replay and the backfill, so they take long enough to be looked at many times; the
 * verification is held in its re-check by a paused store.
 */
class CliProgressTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** The share done in a progress line: "(24.7%)". */
    private static final Pattern PERCENT = Pattern.compile("\\(([\\d.]+)%\\)");

    @TempDir
    Path data;

    @Test
    void replayVerifyAndMigrateFollowPrintOneLinePerChange() throws Exception {
        DemoStream stream = DemoStream.generate(4_000, 300, 21, "cli-progress");
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data)
                .with("bizmaster.replay.max-rate", 500).with("bizmaster.replay.chunk", 200)
                .with("bizmaster.verify.settle-timeout", "10m").start()) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            CommandPoster poster = context.getBean(CommandPoster.class);
            Http http = Http.of(context);
            poster.post(stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList());
            awaitCaughtUp(log, stores);
            long head = log.head();
            String of = String.format("of %,d commands", head);

            // replay --wait: at most 500 commands/s, so 8 s or more looked at every 500 ms; a line per tenth.
            Cli.Run replay = Cli.run(cli(http, "replay", "--store", "modern", "--from", "0", "--wait"));
            assertThat(replay.code()).as(replay.verbOut() + replay.verbErr()).isZero();
            List<String> lines = replay.verbOut().lines().toList();
            assertThat(lines.get(0)).matches("replay of store modern from seq 0 up to seq " + String.format("%,d", head)
                    + ": (RESETTING|REPLAYING)");
            assertThat(lines.get(lines.size() - 1)).startsWith("DONE: replayed 1.." + head).contains("resumed");
            List<String> progress = progressLines(replay.verbOut());
            assertThat(progress).as(replay.verbOut()).anyMatch(l -> l.startsWith("  REPLAYING: ") && l.contains(of));
            assertOneLinePerChange(progress);
            assertThat(progress.stream().filter(l -> l.startsWith("  REPLAYING: ")).count()).as(replay.verbOut())
                    .isLessThanOrEqualTo(12);
            assertPlain(replay.verbOut());

            Cli.Run replayJson = Cli.run(cli(http, "replay", "--store", "modern", "--json"));
            assertThat(replayJson.code()).isZero();
            JsonNode done = JSON.readTree(replayJson.verbOut());
            assertThat(done.path("phase").asString()).isEqualTo("DONE");
            assertThat(done.path("replayed").asLong()).isEqualTo(head);

            // verify, held in its re-check: the target paused while keys change in the source.
            assertThat(http.post("/api/stores/modern/pause", null).statusCode()).isEqualTo(200);
            List<OutgoingCommand> fresh = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fresh.add(CommandSplitter.split(("{\"id\":\"cp-" + i + "\",\"type\":\"customer.registered\",\"key\":\"cp-C" + i
                        + "\",\"source\":\"test\",\"payload\":{\"name\":\"Held " + i + "\",\"email\":\"cp" + i + "@example.com\","
                        + "\"address\":{\"street\":\"1 Main St\",\"zip\":\"12345\",\"city\":\"Springfield\"}}}")
                        .getBytes(StandardCharsets.UTF_8)).get(0));
            }
            poster.post(fresh);
            Eventually.await("legacy at the head", Duration.ofSeconds(60),
                    () -> log.head() == head + 20 && stores.get("legacy").knownCheckpoint() == head + 20);
            CompletableFuture<Cli.Run> verifying = CompletableFuture.supplyAsync(() -> Cli.run(cli(http, "verify", "legacy",
                    "modern", "--report", data.resolve("verification.json").toString())));
            Eventually.await("the verification waiting for modern", Duration.ofMinutes(2), () -> {
                for (JsonNode v : MigrationTestSupport.json(http.get("/api/verifications"))) {
                    if ("RUNNING".equals(v.path("state").asString()) && v.path("phase").asString().startsWith("re-checking")) {
                        return true;
                    }
                }
                return verifying.isDone();
            });
            assertThat(verifying).as("held until modern resumes").isNotDone();
            assertThat(http.post("/api/stores/modern/resume", null).statusCode()).isEqualTo(200);
            Cli.Run verify = verifying.get(5, TimeUnit.MINUTES);
            assertThat(verify.code()).as(verify.verbOut() + verify.verbErr()).isZero();
            assertThat(verify.verbOut()).containsPattern("(?m)^Verification \\S+: legacy against modern$")
                    .containsPattern("(?m)^  re-checking \\d+ key\\(s\\) changed while scanning: waiting for both stores to "
                            + "pass seq " + (head + 20) + "(: [\\d,]+ rows)?$")
                    .contains("EQUAL: store legacy and store modern are equal at seq " + (head + 20));
            assertOneLinePerChange(progressLines(verify.verbOut()));
            assertPlain(verify.verbOut());

            // migrate create --json, then --follow: a backfill of at most 500 commands/s looked at every second.
            Path definition = data.resolve("cp1.yaml");
            Files.writeString(definition, MigrationTestSupport.replayDefinition("cp1") + "max-rate: 500\n");
            Cli.Run created = Cli.run(cli(http, "migrate", "create", definition.toString(), "--json"));
            assertThat(created.code()).as(created.verbErr()).isZero();
            assertThat(JSON.readTree(created.verbOut()).path("id").asString()).isEqualTo("cp1");
            Cli.Run follow = Cli.run(cli(http, "migrate", "status", "cp1", "--follow"));
            assertThat(follow.code()).as(follow.verbOut() + follow.verbErr()).isZero();
            assertThat(follow.verbOut()).startsWith("migration cp1 (legacy -> modern2, replay backfill): following it")
                    .contains("migration cp1: READY (legacy -> modern2, replay backfill)");
            List<String> phases = progressLines(follow.verbOut());
            assertThat(phases).as(follow.verbOut()).anyMatch(l -> l.startsWith("  BACKFILLING: ") && l.contains("commands ("));
            assertThat(phases.get(phases.size() - 1)).startsWith("  READY: verified; ready to cut over (migrate cutover cp1)");
            assertOneLinePerChange(phases);
            assertPlain(follow.verbOut());

            Cli.Run readyJson = Cli.run(cli(http, "migrate", "status", "cp1", "--follow", "--json"));
            assertThat(readyJson.code()).isZero();
            assertThat(JSON.readTree(readyJson.verbOut()).path("phase").asString()).isEqualTo("READY");
            assertThat(readyJson.verbErr()).contains("following it");

            Cli.Run dryRun = Cli.run(cli(http, "migrate", "cutover", "cp1", "--dry-run"));
            assertThat(dryRun.code()).as(dryRun.verbErr()).isZero();
            assertThat(dryRun.verbOut()).startsWith("cut-over of migration cp1 (dry run, nothing changed): modern2 would become "
                    + "the primary, legacy a shadow").contains("estimated freeze").contains("1. freeze the intake");
            Cli.Run cut = Cli.run(cli(http, "migrate", "cutover", "cp1", "--json"));
            assertThat(cut.code()).as(cut.verbErr()).isZero();
            assertThat(JSON.readTree(cut.verbOut()).path("phase").asString()).isEqualTo("CUT_OVER");
            Cli.Run back = Cli.run(cli(http, "migrate", "rollback", "cp1"));
            assertThat(back.code()).as(back.verbErr()).isZero();
            assertThat(back.verbOut()).startsWith("migration cp1: ROLLED_BACK").containsPattern("freeze\\s+[\\d,]+ ms \\(budget 5,000 ms\\)");
            Cli.Run list = Cli.run(cli(http, "migrate", "status"));
            assertThat(list.verbOut()).containsPattern("cp1\\s+ROLLED_BACK\\s+legacy -> modern2, replay backfill");
            Cli.Run cancelled = Cli.run(cli(http, "migrate", "cancel", "cp1", "--json"));
            assertThat(JSON.readTree(cancelled.verbOut()).path("phase").asString()).isEqualTo("CANCELLED");
            Cli.Run followCancelled = Cli.run(cli(http, "migrate", "status", "cp1", "--follow"));
            assertThat(followCancelled.code()).as("a cancelled migration will never be ready: the answer is no").isEqualTo(1);
            assertThat(followCancelled.verbOut()).contains("migration cp1: CANCELLED");
            Cli.Run again = Cli.run(cli(http, "migrate", "cancel", "cp1"));
            assertThat(again.code()).as("cancelling twice: the server says no").isEqualTo(1);
            assertThat(again.verbErr()).startsWith("migrate cancel cp1: 409 ");
        }
    }

    private static void awaitCaughtUp(CommandLog log, StoreRegistry stores) {
        Eventually.await("every store at the head", Duration.ofMinutes(2), () -> log.head() >= 4_000
                && stores.get("legacy").knownCheckpoint() == log.head() && stores.get("modern").knownCheckpoint() == log.head());
    }

    private static String[] cli(Http http, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(http.cli()));
        return all.toArray(String[]::new);
    }

    /** The indented lines right after the verb's first line: its progress, before the result. */
    private static List<String> progressLines(String out) {
        return out.lines().skip(1).takeWhile(l -> l.startsWith("  ")).toList();
    }

    /**
     * What a line per change means, checked on what was printed: no line repeats the one before it in phase, kind of
     * message (its numbers aside) and tenth of the way.
     */
    private static void assertOneLinePerChange(List<String> lines) {
        assertThat(lines).as("progress lines").isNotEmpty();
        String previous = null;
        for (String line : lines) {
            Matcher percent = PERCENT.matcher(line);
            String tenth = percent.find() ? String.valueOf((int) Math.floor(Double.parseDouble(percent.group(1)) / 10)) : "-";
            String key = tenth + "|" + line.replaceAll("[0-9][0-9,.]*", "#");
            assertThat(key).as("a line that changes nothing: %s (all: %s)", line, lines).isNotEqualTo(previous);
            previous = key;
        }
    }

    /** Lines for a log: no carriage return redrawing a bar, no terminal escape. */
    private static void assertPlain(String out) {
        assertThat(out).doesNotContain("\r").doesNotContain("\u001b[");
    }
}
