package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.Cli;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * {@code replay --store NAME --from SEQ} under load: bad requests are refused with a reason and change nothing; a
 * shadow is emptied and rebuilt from the log while its live commands wait in its queue; a backup restored as of a
 * savepoint S (without its checkpoint) is refused until the operator says so, then replayed from S+1 without
 * counting a credit twice. Every store ends at the head, equal to the model, every command in the log once.
 */
class StoreReplayTest {

    private static final long THROTTLE_LAG = 300;
    private static final String[] TABLES = {"customers", "addresses", "orders"};

    @TempDir
    Path data;

    @Test
    void aShadowIsRebuiltFromZeroAndFromARestoredSavepointUnderLoad() throws Exception {
        String run = "replay-store";
        DemoStream stream = DemoStream.generate(14_000, 1_000, 5, run);
        try (ConfigurableApplicationContext context = TestApplication.inFolder(data)
                .with("bizmaster.replay.throttle-lag", THROTTLE_LAG).start();
             LoadGenerator load = new LoadGenerator(stream, 600).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            StoreStatusService status = context.getBean(StoreStatusService.class);
            Http http = Http.of(context);
            String url = http.base();
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 3_000);

            // Bad requests: a clear reason each, and nothing changes.
            assertRefused(http, "nosuch", "{\"from\": 0}", 404, "no store named 'nosuch'");
            assertRefused(http, "modern", "{\"from\": -1}", 400, "must be 0");
            assertRefused(http, "modern", "{\"from\": 99999999}", 400, "the command log ends at seq");
            assertRefused(http, "modern", "{}", 400, "give the seq to replay from");
            assertRefused(http, "modern", "{\"from\": \"zero\"}", 400, "give the seq to replay from");
            assertRefused(http, "modern", "{\"from\": 0, \"resetCheckpoint\": true}", 400, "goes with a savepoint");
            assertRefused(http, "modern", "{\"from\": 0, \"fast\": true}", 400, "unknown setting 'fast'");
            assertRefused(http, "legacy", "{\"from\": 0}", 409, "it is the primary");
            HttpResponse<String> past = assertRefused(http, "modern", "{\"from\": 100}", 409, "past the savepoint 100");
            assertThat(past.body()).contains("store 'modern'").contains("--reset-checkpoint").containsPattern("at checkpoint \\d+");
            Cli.Run cliRefused = Cli.run("replay", "--store", "legacy", "--from", "0", "--url", url, "--credentials", http.credentials().toString());
            assertThat(cliRefused.code()).isEqualTo(1);
            assertThat(cliRefused.err()).contains("409").contains("replay of store 'legacy' from seq 0").contains("primary");
            assertThat(Cli.run("replay", "--store", "modern", "--from", "x", "--url", url, "--credentials", http.credentials().toString()).code()).as("not a number").isEqualTo(2);
            assertThat(http.get("/api/stores/modern/replay").statusCode()).as("no replay recorded").isEqualTo(404);
            assertThat(stores.get("modern").paused()).isFalse();
            assertThat(stores.get("legacy").paused()).isFalse();
            assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.PRIMARY);

            // From 0: emptied and rebuilt, its live commands waiting in its queue meanwhile. The primary is held
            // back first (its checkpoint row locked), so the replay waits for it: the throttle, seen deterministically.
            long upTo;
            try (Connection lock = stores.get("legacy").dataSource().getConnection()) {
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement()) {
                    s.executeQuery("SELECT seq FROM bizmaster_checkpoint FOR UPDATE").close();
                }
                Eventually.await("the primary lagging", Duration.ofSeconds(30),
                        () -> log.head() - stores.get("legacy").knownCheckpoint() > THROTTLE_LAG);
                Cli.Run started = Cli.run("replay", "--store", "modern", "--from", "0", "--url", url, "--credentials", http.credentials().toString());
                assertThat(started.code()).as(started.err()).isZero();
                JsonNode throttled = awaitReplay(http, "modern", r -> r.path("message").asString().contains("throttled"));
                assertThat(throttled.path("phase").asString()).isEqualTo("REPLAYING");
                assertThat(throttled.path("message").asString()).contains("the primary is").contains("limit " + THROTTLE_LAG);
                assertThat(throttled.path("primaryLag").asLong()).isGreaterThan(THROTTLE_LAG);
                upTo = throttled.path("upTo").asLong();
                assertThat(upTo).isGreaterThanOrEqualTo(3_000);
                // While it runs the store is the replay's: no resume, no converter switch, no second replay, no migration.
                HttpResponse<String> resume = http.post("/api/stores/modern/resume", null);
                assertThat(resume.statusCode()).as(resume.body()).isEqualTo(409);
                assertThat(resume.body()).contains("cannot resume store 'modern': it is being replayed from seq 0");
                assertThat(http.post("/api/stores/modern/converter", "{\"converter\": \"modern@2\"}").statusCode()).isEqualTo(409);
                assertRefused(http, "modern", "{\"from\": 0}", 409, "cannot replay store 'modern'");
                assertThat(stores.get("modern").paused()).as("paused by the replay").isTrue();
                lock.rollback();
            }
            JsonNode done = awaitReplay(http, "modern");
            assertThat(done.path("phase").asString()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.path("checkpoint").asLong()).isGreaterThanOrEqualTo(upTo);
            assertThat(done.path("replayed").asLong()).isEqualTo(upTo);
            assertThat(done.path("message").asString()).contains("resumed");
            assertThat(stores.get("modern").paused()).as("resumed after the replay").isFalse();
            System.out.printf("replay --from 0 of store modern: %s%n", done.path("message").asString());

            // A backup of the shadow at a savepoint S, without its checkpoint.
            assertThat(http.post("/api/stores/modern/pause", null).statusCode()).isEqualTo(200);
            DataSource modern = stores.get("modern").dataSource();
            long savepoint = status.one("modern").checkpoint();
            backUp(modern);
            assertThat(http.post("/api/stores/modern/resume", null).statusCode()).isEqualTo(200);
            Eventually.await("the shadow moves past the savepoint", Duration.ofSeconds(60),
                    () -> status.one("modern").checkpoint() > savepoint + 1_000);
            assertThat(http.post("/api/stores/modern/pause", null).statusCode()).isEqualTo(200);
            restore(modern);
            long checkpoint = status.one("modern").checkpoint();
            // Its checkpoint is past S: replaying from S would count S+1..checkpoint twice.
            HttpResponse<String> twice = assertRefused(http, "modern", "{\"from\": " + savepoint + "}", 409,
                    "at checkpoint " + checkpoint + ", past the savepoint " + savepoint);
            assertThat(twice.body()).contains("credits").contains("--reset-checkpoint");
            assertRefused(http, "modern", "{\"from\": " + (checkpoint + 1) + ", \"resetCheckpoint\": true}", 409,
                    "before the savepoint " + (checkpoint + 1));
            assertThat(status.one("modern").checkpoint()).as("a refused replay changes nothing").isEqualTo(checkpoint);
            Cli.Run restored = Cli.run("replay", "--store", "modern", "--from", String.valueOf(savepoint),
                    "--reset-checkpoint", "--wait", "--url", url, "--credentials", http.credentials().toString());
            assertThat(restored.code()).as(restored.err()).isZero();
            JsonNode fromSavepoint = json(http.get("/api/stores/modern/replay"));
            assertThat(fromSavepoint.path("phase").asString()).isEqualTo("DONE");
            assertThat(fromSavepoint.path("from").asLong()).isEqualTo(savepoint);
            assertThat(fromSavepoint.path("replayed").asLong()).isEqualTo(fromSavepoint.path("upTo").asLong() - savepoint);
            assertThat(fromSavepoint.path("message").asString()).contains("stays paused as it was");
            assertThat(stores.get("modern").paused()).as("paused by the operator, so it stays paused").isTrue();
            assertThat(http.post("/api/stores/modern/resume", null).statusCode()).isEqualTo(200);

            load.awaitDone(Duration.ofMinutes(2));
            LogChecks.awaitAllAppliedExactlyOnce(log, status, stream, run, Duration.ofMinutes(2));
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(modern, stream.model(), run);
        }
    }

    private static HttpResponse<String> assertRefused(Http http, String store, String body, int code, String reason) {
        HttpResponse<String> response = http.post("/api/stores/" + store + "/replay", body);
        assertThat(response.statusCode()).as("%s %s: %s", store, body, response.body()).isEqualTo(code);
        assertThat(response.body()).contains(reason);
        return response;
    }

    static JsonNode awaitReplay(Http http, String store) {
        return awaitReplay(http, store, r -> r.path("phase").asString().matches("DONE|FAILED"));
    }

    static JsonNode awaitReplay(Http http, String store, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Eventually.await("the replay of " + store, Duration.ofMinutes(2), () -> {
            last[0] = json(http.get("/api/stores/" + store + "/replay"));
            return condition.test(last[0]);
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    /** The store's tables as they are (it is paused), as a restore would bring them back: without the checkpoint. */
    private static void backUp(DataSource store) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("CREATE TABLE backup_" + table + " AS SELECT * FROM " + table);
            }
        }
    }

    private static void restore(DataSource store) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : TABLES) {
                s.execute("DELETE FROM " + table);
                s.execute("INSERT INTO " + table + " SELECT * FROM backup_" + table);
            }
            c.commit();
        }
    }
}
