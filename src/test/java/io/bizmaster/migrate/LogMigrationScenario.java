package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.awaitPhase;
import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.cli.BizMasterCli;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.BusinessDataSource;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.JdbcUrls;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LogMoved;
import io.bizmaster.log.LogMoves;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Seed scenario 6 under load, for any target engine: the business store (H2) moves to the target-log while a load
 * generator posts; cut-over; every command of the first run in the new log exactly once with dense seqs, per-key
 * order, both stores at the head and equal to the model; then, under a second load, a rollback and the same checks
 * on the old log. The freeze windows are printed.
 */
final class LogMigrationScenario {

    private LogMigrationScenario() {
    }

    static String definition(String id, String url, String username, String extra) {
        return "id: " + id + "\nkind: log\ntarget-log:\n  url: \"" + url + "\"\n  username: " + username + "\nmax-freeze-ms: 5000\n"
                + "max-cutover-lag: 2000\nchunk: 2000\nthrottle-lag: 20000\n" + extra;
    }

    static void cutOverAndRollBackUnderLoad(Path data, String engine, String targetUrl, String username, String definition)
            throws Exception {
        String runA = "logmove-a";
        String runB = "logmove-b";
        DemoStream streamA = DemoStream.generate(12_000, 1_000, 61, runA);
        DemoStream streamB = DemoStream.generate(8_000, 800, 62, runB);
        DataSource oldLog = h2(data.resolve("bizmaster"));
        DataSource newLog = new DriverManagerDataSource(targetUrl, username, "");
        try (ConfigurableApplicationContext context = TestApplication.inFolder(data).start();
             LoadGenerator loadA = new LoadGenerator(streamA, 600).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            BusinessDataSource businessStore = context.getBean(BusinessDataSource.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            StoreStatusService status = context.getBean(StoreStatusService.class);
            Http http = Http.of(context);
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 3_000);

            Path file = data.resolve("log-move.yaml");
            Files.writeString(file, definition);
            assertThat(BizMasterCli.commandLine().execute("migrate", "create", file.toString(), "--url", http.base(), "--credentials", http.credentials().toString())).isZero();
            JsonNode ready = awaitPhase(http, "lm", "READY", Duration.ofSeconds(60));
            assertThat(ready.path("kind").asString()).isEqualTo("log");
            assertThat(ready.path("captureSeq").asLong()).isGreaterThanOrEqualTo(3_000);

            refusedWhileAnotherInstanceConsumes(context, http);

            long cutSeq;
            long cutFreeze;
            try (ReplayMigrationTest.GatewayProbe gateway = new ReplayMigrationTest.GatewayProbe(http)) {
                JsonNode cut = cutOver(http, "lm", "cutover");
                assertThat(cut.path("phase").asString()).as(cut.toString()).isEqualTo("CUT_OVER");
                cutFreeze = cut.path("freezeWindowMs").asLong();
                cutSeq = redirect(oldLog).orElseThrow().seq();
                System.out.printf("log move H2 -> %s: cut-over at seq %d, freeze window %d ms under %d commands/s "
                        + "(%s); gateway: %d answered 202, %d answered 503 with Retry-After%n", engine, cutSeq, cutFreeze,
                        loadA.perSecond(), cut.path("message").asString(), gateway.accepted.size(), gateway.unavailable.get());
                assertThat(gateway.badRetryAfter.get()).as("503 answers without Retry-After").isZero();
                assertThat(loadA.posted()).as("the load ran through the cut-over").isLessThan(loadA.total());
                for (String id : gateway.acceptedSoFar()) {
                    Eventually.await("gateway command " + id + " logged", Duration.ofSeconds(30),
                            () -> !log.byCommandId(id).isEmpty());
                }
            }
            assertThat(JdbcUrls.same(businessStore.current().getJdbcUrl(), targetUrl)).as("the business store is the target-log")
                    .isTrue();
            LogMoved moved = redirect(oldLog).orElseThrow();
            assertThat(moved.migrationId()).isEqualTo("lm");
            assertThat(moved.to().url()).isEqualTo(targetUrl);

            loadA.awaitDone(Duration.ofSeconds(60));
            awaitSettled(log, status);
            assertDense(log);
            LogChecks.assertExactlyOnceInOrder(log, streamA, runA);
            assertThat(highestSeq(newLog)).as("the new log holds everything").isEqualTo(log.head());
            assertThat(logHead(oldLog)).as("nothing was logged in the old business store after the cut-over").isEqualTo(cutSeq);
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), streamA.model(), runA);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), streamA.model(), runA);

            // Roll back under a second load: the commands logged in the new log since the cut-over go back with it.
            try (LoadGenerator loadB = new LoadGenerator(streamB, 600).start(context.getBean(CommandPoster.class))) {
                Eventually.await("second load flowing", Duration.ofSeconds(60), () -> loadB.posted() >= 2_000);
                JsonNode back = cutOver(http, "lm", "rollback");
                assertThat(back.path("phase").asString()).as(back.toString()).isEqualTo("ROLLED_BACK");
                long rollbackSeq = back.path("logHead").asLong();
                System.out.printf("log move H2 -> %s: rollback at about seq %d, freeze window %d ms under %d commands/s "
                        + "(%s)%n", engine, rollbackSeq, back.path("freezeWindowMs").asLong(), loadB.perSecond(),
                        back.path("message").asString());
                assertThat(loadB.posted()).as("the load ran through the rollback").isLessThan(loadB.total());
                assertThat(JdbcUrls.same(businessStore.current().getJdbcUrl(), oldUrl(data))).isTrue();
                assertThat(redirect(oldLog)).as("the old business store's redirect is cleared").isEmpty();
                assertThat(redirect(newLog)).as("the abandoned copy points back").isPresent();

                loadB.awaitDone(Duration.ofSeconds(60));
                awaitSettled(log, status);
            }
            assertDense(log);
            LogChecks.assertExactlyOnceInOrder(log, streamA, runA);
            LogChecks.assertExactlyOnceInOrder(log, streamB, runB);
            assertThat(highestSeq(oldLog)).isEqualTo(log.head());
            for (DemoStream stream : List.of(streamA, streamB)) {
                String run = stream == streamA ? runA : runB;
                DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
                DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            }
            // After a rollback the copy is fed again, so a second cut-over stays possible; complete needs CUT_OVER.
            assertThat(http.post("/api/migrations/lm/complete", null).statusCode()).isEqualTo(409);
            JsonNode cancelled = json(http.post("/api/migrations/lm/cancel", null));
            assertThat(cancelled.path("phase").asString()).as(cancelled.toString()).isEqualTo("CANCELLED");
            assertThat(highestSeq(newLog)).as("cancel drops the copy").isZero();
        }
    }

    /**
     * Another instance's intake (a consumer of biz.commands standing by: the queue is exclusive) would go on logging
     * into the old business store after the switch: the cut-over is refused, saying so, until it is gone.
     */
    private static void refusedWhileAnotherInstanceConsumes(ConfigurableApplicationContext context, Http http) throws Exception {
        io.bizmaster.broker.EmbeddedBroker broker = context.getBean(io.bizmaster.broker.EmbeddedBroker.class);
        String url = context.getBean(io.bizmaster.broker.BrokerProperties.class).inVmUrl();
        try (org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory factory =
                     new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(url, broker.credentials().user(),
                             broker.credentials().password());
             jakarta.jms.Connection other = factory.createConnection()) {
            jakarta.jms.Session session = other.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            session.createConsumer(session.createQueue(io.bizmaster.broker.Destinations.COMMANDS));
            other.start();
            JsonNode refused = json(http.post("/api/migrations/lm/cutover", null));
            assertThat(refused.toString()).as("a log move with another instance consuming").contains("other consumer(s) of biz.commands")
                    .contains("runs with one instance");
            assertThat(json(http.get("/api/migrations/lm")).path("phase").asString()).isEqualTo("READY");
        }
    }

    /** Under load a cut-over may find a few too many commands left to copy at the moment of asking: ask again. */
    static JsonNode cutOver(Http http, String id, String verb) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 50; i++) {
            last = json(http.post("/api/migrations/" + id + "/" + verb, null));
            if (last.has("phase")) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    /** Once the load is done: the head stops moving and every store reaches it. */
    static void awaitSettled(CommandLog log, StoreStatusService status) {
        long[] last = {-1};
        Eventually.await("the log head still and every store at it", Duration.ofSeconds(60), () -> {
            long head = log.head();
            boolean still = head == last[0];
            last[0] = head;
            return still && status.all().stream().allMatch(s -> s.checkpoint() == head);
        }, () -> "head " + log.head() + ", " + status.all());
    }

    /** Every seq from 1 to the head is there once. */
    static void assertDense(CommandLog log) {
        List<LogEntry> all = LogChecks.all(log);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).as("entry %d of the log", i).isEqualTo(i + 1);
        }
        assertThat((long) all.size()).isEqualTo(log.head());
    }

    static Optional<LogMoved> redirect(DataSource businessStore) throws SQLException {
        try (Connection c = businessStore.getConnection()) {
            return LogMoves.find(c);
        }
    }

    static long highestSeq(DataSource businessStore) throws SQLException {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM command_log");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long logHead(DataSource businessStore) throws SQLException {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM log_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String oldUrl(Path data) {
        return "jdbc:h2:file:" + data.resolve("bizmaster");
    }

    static DataSource h2(Path file) {
        return new DriverManagerDataSource("jdbc:h2:file:" + file, "sa", "");
    }
}
