package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.broker.BrokerQueueControl;
import io.bizmaster.broker.Destinations;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.pipeline.IntakeFreezes;
import io.bizmaster.security.GeneratedCredentials;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.QueueSettings;
import io.bizmaster.testing.LogChecks;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.ObjectMapper;

/**
 * SIGKILL while a cut-over holds the freeze at the broker. The freeze is held there on purpose: a second consumer of
 * {@code biz.commands} (what another instance's intake is) keeps one message in its transaction, so the cut-over waits
 * for it with the queue paused, phase FREEZING, the freeze recorded; commands posted then wait in the queue. After the
 * kill (the embedded broker dies with the process; its pause is persisted) a start on the same data, once it coordinates,
 * resumes the queue, deletes the record, leaves the migration where its recovery puts it (READY), logs every command once and can cut over.
 */
class FreezeCrashTest {

    private static final Path LOG = Path.of("target", "freeze-crash-test-app.log");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void killedWhileItsCutOverHoldsTheBrokerFreezeTheQueueResumesAndEveryCommandIsLoggedOnce() throws Exception {
        ChildApplication child = new ChildApplication(data, LOG, List.of(
                "--bizmaster.stores.modern2.role=detached",
                "--bizmaster.stores.modern2.converter=modern@1",
                "--bizmaster.stores.modern2.connector=jdbc",
                "--bizmaster.stores.modern2.options.url=" + "jdbc:h2:file:" + data.resolve("stores/modern2") + ";WRITE_DELAY=0",
                "--bizmaster.stores.modern2.options.username=sa"));
        int brokerPort = child.brokerPort();
        String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
        String run = "fzcrash";
        DemoStream stream = DemoStream.generate(4_000, 400, 53, run);
        List<String> extras = new ArrayList<>();
        long headAtKill;
        try (ActiveMQConnectionFactory appCenter = AppCenter.core(brokerPort);
             LoadGenerator load = new LoadGenerator(stream, 800)) {
            Process app = child.start();
            try {
                CommandPoster poster = new CommandPoster(appCenter);
                load.start(poster);
                Eventually.await("load flowing", Duration.ofSeconds(90), () -> child.head() >= 500);
                // A budget far beyond the test: the freeze must hold until the kill, not abort.
                String definition = MigrationTestSupport.replayDefinition("f1").replace("max-freeze-ms: 5000", "max-freeze-ms: 600000");
                assertThat(post(child, "/api/migrations", definition).statusCode()).isEqualTo(201);
                load.awaitDone(Duration.ofMinutes(2));
                Eventually.await("ready to cut over", Duration.ofMinutes(2), () -> "READY".equals(phase(child)));

                GeneratedCredentials.Credentials bizmaster = GeneratedCredentials.read(data.resolve("artemis/bizmaster.credentials"));
                try (BrokerQueueControl queues = new BrokerQueueControl(brokerUrl, bizmaster.user(), bizmaster.password(),
                        Duration.ofSeconds(10));
                     ActiveMQConnectionFactory other = noPrefetch(brokerUrl, bizmaster);
                     Connection connection = other.createConnection()) {
                    // biz.commands is exclusive (one intake logs at a time): shared here, so this consumer gets some.
                    QueueSettings.exclusive(brokerUrl, bizmaster.user(), bizmaster.password(), Destinations.COMMANDS, false);
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    MessageConsumer consumer = session.createConsumer(session.createQueue(Destinations.COMMANDS));
                    connection.start();
                    Message held = null;
                    for (int attempt = 0; attempt < 40 && held == null; attempt++) {
                        CompletableFuture<Message> receiving = CompletableFuture.supplyAsync(() -> {
                            try {
                                return consumer.receive(3_000);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        String id = "held-" + attempt;
                        extras.add(id);
                        poster.post(List.of(CommandSplitter.split(registered(id)).get(0)));
                        held = receiving.get();
                    }
                    assertThat(held).as("the other consumer holds a message").isNotNull();

                    CompletableFuture<HttpResponse<String>> cut = http.sendAsync(HttpRequest.newBuilder(
                            URI.create(child.baseUrl() + "/api/migrations/f1/cutover")).header("Authorization", child.authorization())
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Eventually.await("the cut-over holding the freeze", Duration.ofSeconds(60),
                            () -> queues.isPaused(Destinations.COMMANDS) && "FREEZING".equals(phase(child)),
                            () -> cut.isDone() ? cut.join().body() : "cut-over still running");
                    headAtKill = child.head();
                    List<OutgoingCommand> during = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String id = "during-" + i;
                        extras.add(id);
                        during.add(CommandSplitter.split(registered(id)).get(0));
                    }
                    poster.post(during);
                    Eventually.await("the 20 waiting in the paused queue", Duration.ofSeconds(30),
                            () -> queues.messageCount(Destinations.COMMANDS) >= 21);
                    assertThat(queues.deliveringCount(Destinations.COMMANDS)).as("the held message").isEqualTo(1);
                    assertThat(child.head()).as("nothing logged inside the freeze").isEqualTo(headAtKill);
                    assertThat(cut).as("the freeze waits for the held message").isNotDone();
                    app.destroyForcibly().waitFor();
                }
            } finally {
                app.destroyForcibly().waitFor();
            }
        }

        // What the kill left: the freeze recorded in the business store, the migration FREEZING.
        try (var c = child.h2("bizmaster").getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason, migration_id FROM intake_freeze")) {
            assertThat(rs.next()).as("a freeze record left by the kill").isTrue();
            assertThat(rs.getString(2)).isEqualTo("f1");
        }

        try (ConfigurableApplicationContext last = MigrationTestSupport.withTarget(data)
                .with("bizmaster.broker.port", brokerPort).start()) {
            BrokerQueueControl queues = last.getBean(BrokerQueueControl.class);
            MigrationWorkflow workflow = last.getBean(MigrationWorkflow.class);
            // Recovery is the coordinator's: at once, or once the killed instance's lease has run out (another
            // instance id here), whichever comes first.
            IntakeFreezes freezes = last.getBean(IntakeFreezes.class);
            Eventually.await("biz.commands resumed and the freeze record deleted by the coordinator's recovery",
                    Duration.ofSeconds(60), () -> !queues.isPaused(Destinations.COMMANDS) && freezes.find().isEmpty());
            assertThat(workflow.status("f1").phase()).as("the interrupted cut-over back to READY").isEqualTo("READY");
            StoreRegistry stores = last.getBean(StoreRegistry.class);
            assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.PRIMARY);
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.SHADOW);

            CommandLog log = last.getBean(CommandLog.class);
            StoreStatusService status = last.getBean(StoreStatusService.class);
            long total = stream.messages().size() + extras.size();
            Eventually.await("every command logged and applied", Duration.ofMinutes(3),
                    () -> log.head() == total && status.all().stream().allMatch(s -> s.checkpoint() == total),
                    () -> "head " + log.head() + " of " + total + ", " + status.all());
            LogChecks.assertExactlyOnceInOrder(log, stream, run);
            Map<String, Long> logged = LogChecks.all(log).stream().filter(e -> e.commandId() != null
                    && (e.commandId().startsWith("held-") || e.commandId().startsWith("during-")))
                    .collect(Collectors.groupingBy(LogEntry::commandId, Collectors.counting()));
            assertThat(logged).as("each extra command logged once").containsOnlyKeys(extras)
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));

            MigrationStatus cut = MigrationTestSupport.cutOverWithRetries(workflow, "f1");
            assertThat(cut.phase()).isEqualTo("CUT_OVER");
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.PRIMARY);
            System.out.printf("killed inside the broker freeze at head %d with 21 commands waiting; after the restart the queue "
                    + "resumed, %d commands logged once each, cut over with a freeze window of %s ms%n", headAtKill, total,
                    cut.freezeWindowMs());
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern2").dataSource(), stream.model(), run);
        }
    }

    /** No prefetch: this consumer holds exactly what it received, the rest goes to the child's intake. */
    private static ActiveMQConnectionFactory noPrefetch(String url, GeneratedCredentials.Credentials user) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user.user(), user.password());
        factory.setConsumerWindowSize(0);
        return factory;
    }

    private static byte[] registered(String id) {
        return ("{\"id\":\"" + id + "\",\"type\":\"customer.registered\",\"key\":\"" + id + "\",\"source\":\"test\","
                + "\"payload\":{\"name\":\"Held Customer\",\"email\":\"" + id + "@example.com\","
                + "\"address\":{\"street\":\"1 Main St\",\"zip\":\"12345\",\"city\":\"Springfield\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    private String phase(ChildApplication child) {
        HttpResponse<String> r = child.get("/api/migrations/f1");
        try {
            return r.statusCode() == 200 ? json.readTree(r.body()).path("phase").asString() : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    private HttpResponse<String> post(ChildApplication child, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(child.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", child.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
