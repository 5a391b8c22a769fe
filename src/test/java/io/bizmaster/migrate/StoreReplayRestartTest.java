package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * The application stops half-way through a replay from 0, under load, and starts again: the replay goes on from
 * the store's checkpoint and does not empty the store a second time (a row planted while it was down survives);
 * the store is resumed at the end, and everything ends at the head, equal to the model, every command once.
 */
class StoreReplayRestartTest {

    @TempDir
    Path data;

    @Test
    void aReplayCutShortByARestartGoesOnWithoutEmptyingTheStoreAgain() throws Exception {
        String run = "replay-restart";
        DemoStream stream = DemoStream.generate(30_000, 2_000, 17, run);
        // Small batches and chunks, and a paced replay (12,000 commands take at least six seconds): long enough to be
        // stopped half-way on any machine.
        TestApplication app = TestApplication.inFolder(data).with("bizmaster.apply-batch", 20).with("bizmaster.replay.chunk", 100)
                .with("bizmaster.replay.max-rate", 2_000);
        LoadGenerator load = new LoadGenerator(stream, 1_500);
        long stoppedAt;
        long upTo;
        try (ConfigurableApplicationContext first = app.start()) {
            load.start(first.getBean(CommandPoster.class));
            CommandLog log = first.getBean(CommandLog.class);
            Http http = Http.of(first);
            Eventually.await("a long log to replay", Duration.ofMinutes(1), () -> log.head() >= 12_000);
            assertThat(http.post("/api/stores/modern/replay", "{\"from\": 0}").statusCode()).isEqualTo(202);
            JsonNode half = StoreReplayTest.awaitReplay(http, "modern", r -> r.path("phase").asString().equals("REPLAYING")
                    && r.path("checkpoint").asLong() > 1_000 || r.path("phase").asString().matches("DONE|FAILED"));
            assertThat(half.path("phase").asString()).as("stopped half-way: %s", half).isEqualTo("REPLAYING");
            assertThat(half.path("etaSeconds").isNumber()).as("an ETA while replaying: %s", half).isTrue();
            upTo = half.path("upTo").asLong();
            load.poster(null);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("stores/modern"), "sa", "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT seq FROM bizmaster_checkpoint")) {
                assertThat(rs.next()).isTrue();
                stoppedAt = rs.getLong(1);
            }
            // Not in the log: only a second emptying would remove it.
            s.executeUpdate("INSERT INTO customers (id, first_name) VALUES ('planted', 'Planted')");
        }
        System.out.printf("replay from 0 of store modern stopped at seq %d of %d%n", stoppedAt, upTo);
        assertThat(stoppedAt).isBetween(1L, upTo - 1);

        try (ConfigurableApplicationContext second = app.start()) {
            load.poster(second.getBean(CommandPoster.class));
            Http http = Http.of(second);
            StoreRegistry stores = second.getBean(StoreRegistry.class);
            JsonNode done = StoreReplayTest.awaitReplay(http, "modern");
            assertThat(done.path("phase").asString()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.path("upTo").asLong()).isEqualTo(upTo);
            assertThat(DemoStores.rows(stores.get("modern").dataSource(), "SELECT id FROM customers WHERE id = 'planted'"))
                    .as("the store was not emptied a second time").containsKey("planted");
            assertThat(stores.get("modern").paused()).as("resumed at the end").isFalse();

            load.awaitDone(Duration.ofMinutes(2));
            CommandLog log = second.getBean(CommandLog.class);
            LogChecks.awaitAllAppliedExactlyOnce(log, second.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            assertThat(json(http.get("/api/stores/modern")).path("paused").asBoolean()).isFalse();
        } finally {
            load.close();
        }
    }
}
