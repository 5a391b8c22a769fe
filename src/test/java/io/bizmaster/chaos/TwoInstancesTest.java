package io.bizmaster.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.testing.ArtemisDistribution;
import io.bizmaster.testing.ArtemisPair;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 17's whole story, one run: two BizMaster processes on a replicated Artemis primary/backup pair (the files in
 * {@code artemis/}) and one business store (PostgreSQL, fresh schemas), under load all along.
 * <ol>
 * <li>A store paused and resumed through the instance that does not apply it stops and restarts where it is applied.
 * <li>The instance that applies the stores (it consumed their exclusive queues first), logs the commands and
 * coordinates is killed with SIGKILL: the survivor takes the queues, the intake and the lease (a new epoch) over.
 * <li>The primary broker is killed with SIGKILL: both instances fail over to the backup.
 * <li>The killed instance comes back (not the coordinator now); a migration legacy → modern2 is created and cut over
 * through it, still under load: the coordinator carries the verbs out, the freeze at the broker holds both intakes,
 * and the freeze window stays within its budget.
 * </ol>
 * At the end every posted command is once in the log in per-key order, and every store is at the head and equal to the
 * model.
 */
@Tag("chaos")
class TwoInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 300;
    private static final long FREEZE_BUDGET_MS = 10_000;

    @TempDir
    Path data;

    @Test
    void theSurvivorTakesTheStoresAndTheLeaseOverAndVerbsWorkFromTheOtherInstance() throws Exception {
        Path home = ArtemisDistribution.home();
        Path logs = Files.createDirectories(Path.of("target", "chaos", "two-instances"));
        String business = ExternalDatabases.freshPostgres();
        String legacyUrl = ExternalDatabases.freshPostgres();
        String modernUrl = ExternalDatabases.freshPostgres();
        List<String> shared = List.of("--spring.datasource.url=" + business,
                "--bizmaster.stores.legacy.options.url=" + legacyUrl,
                "--bizmaster.stores.modern.options.url=" + modernUrl,
                "--bizmaster.stores.modern2.role=detached", "--bizmaster.stores.modern2.converter=modern@2",
                "--bizmaster.stores.modern2.connector=jdbc",
                "--bizmaster.stores.modern2.options.url=" + ExternalDatabases.freshPostgres(),
                "--bizmaster.broker.embedded=false", "--bizmaster.coordinator.lease-duration=4s",
                "--bizmaster.coordinator.renew-interval=1s");
        String run = "two";
        DemoStream stream = DemoStream.generate(Integer.getInteger("chaos.two-instances.commands", 12_000), 1_000, 17, run);
        DemoStream secondStream = DemoStream.generate(6_000, 500, 19, run + "2");
        try (ArtemisPair broker = new ArtemisPair(home, data.resolve("pair"), logs).create()) {
            broker.start();
            List<String> settings = new ArrayList<>(shared);
            settings.add("--spring.artemis.broker-url=" + broker.url());
            settings.add("--spring.artemis.user=" + broker.user());
            Map<String, String> secret = Map.of("SPRING_ARTEMIS_PASSWORD", broker.password());
            ChildApplication a = new ChildApplication(data.resolve("a"), logs.resolve("two-instances-a.log"), settings, secret);
            ChildApplication b = new ChildApplication(data.resolve("b"), logs.resolve("two-instances-b.log"), settings, secret);
            Files.createDirectories(data.resolve("a"));
            Files.createDirectories(data.resolve("b"));
            Process first = a.start();
            Process second = null;
            try (ActiveMQConnectionFactory factory = broker.appCenter();
                 LoadGenerator load = new LoadGenerator(stream, RATE)) {
                Eventually.await("a coordinates", Duration.ofSeconds(30), () -> coordinator(a).path("thisOne").asBoolean());
                second = b.start();
                JsonNode seenFromB = coordinator(b);
                assertThat(seenFromB.path("thisOne").asBoolean()).isFalse();
                assertThat(seenFromB.path("coordinator").asString()).isEqualTo(coordinator(a).path("instance").asString());
                long firstEpoch = seenFromB.path("epoch").asLong();

                load.start(new CommandPoster(factory));
                Eventually.await("a third of the stream applied", Duration.ofMinutes(2),
                        () -> a.checkpoint("legacy") >= stream.messages().size() / 3, load::lastPostFailure);

                // Paused through b, which does not consume the store's queue: a, which does, stops applying it.
                HttpResponse<String> paused = post(b, "/api/stores/modern/pause", "application/json", "{}");
                assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
                Eventually.await("a follows the pause", Duration.ofSeconds(30), () -> storePaused(a, "modern"));
                long modernPaused = a.checkpoint("modern");
                long legacyThen = a.checkpoint("legacy");
                Eventually.await("legacy goes on meanwhile", Duration.ofMinutes(1),
                        () -> a.checkpoint("legacy") > legacyThen + 500);
                assertThat(a.checkpoint("modern")).as("modern stays where it was paused").isEqualTo(modernPaused);
                HttpResponse<String> resumed = post(b, "/api/stores/modern/resume", "application/json", "{}");
                assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
                Eventually.await("a follows the resume", Duration.ofSeconds(30), () -> a.checkpoint("modern") > modernPaused);

                long atKill = b.checkpoint("modern");
                first.destroyForcibly().waitFor();
                long killedAt = System.nanoTime();
                Eventually.await("the survivor applies the stores again", Duration.ofMinutes(1),
                        () -> b.checkpoint("modern") > atKill && b.checkpoint("legacy") > atKill);
                long storesBackMs = (System.nanoTime() - killedAt) / 1_000_000;
                Eventually.await("the survivor coordinates", Duration.ofMinutes(1),
                        () -> coordinator(b).path("thisOne").asBoolean());
                long leaseBackMs = (System.nanoTime() - killedAt) / 1_000_000;
                assertThat(coordinator(b).path("epoch").asLong()).isEqualTo(firstEpoch + 1);

                // The primary broker goes: both clients fail over to the backup.
                long headAtBrokerKill = b.head();
                broker.killPrimary();
                long brokerKilledAt = System.nanoTime();
                Eventually.await("the log moving again on the backup", Duration.ofMinutes(2),
                        () -> b.head() > headAtBrokerKill || load.done(), load::lastPostFailure);
                long brokerBackMs = (System.nanoTime() - brokerKilledAt) / 1_000_000;

                load.awaitDone(Duration.ofMinutes(5));
                int firstTotal = stream.messages().size();
                // modern2 is detached until the migration: the fed stores are legacy and modern.
                Eventually.await("every command logged and applied by the survivor", Duration.ofMinutes(3),
                        () -> b.head() == firstTotal && b.checkpoint("legacy") == firstTotal
                                && b.checkpoint("modern") == firstTotal, () -> String.valueOf(b.stores()));

                // The killed instance comes back: b keeps the lease; a migration through a is carried out by b.
                first = a.start();
                assertThat(coordinator(a).path("thisOne").asBoolean()).isFalse();
                HttpResponse<String> created = post(a, "/api/migrations", "application/yaml", "id: m-two\nsource: legacy\n"
                        + "target: modern2\nbackfill: replay\nmax-freeze-ms: " + FREEZE_BUDGET_MS + "\n");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                Eventually.await("m-two READY", Duration.ofMinutes(3),
                        () -> "READY".equals(json(a.get("/api/migrations/m-two")).path("phase").asString()),
                        () -> a.get("/api/migrations/m-two").body());
                // The cut-over under load: a second stream flows while it freezes both intakes at the broker.
                try (LoadGenerator more = new LoadGenerator(secondStream, RATE)) {
                    more.start(new CommandPoster(factory));
                    Eventually.await("the second stream flowing", Duration.ofMinutes(1), () -> more.posted() >= RATE,
                            more::lastPostFailure);
                    HttpResponse<String> cut = post(a, "/api/migrations/m-two/cutover", "application/json", "{}");
                    int postedAtCut = more.posted();
                    assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
                    JsonNode cutOver = json(cut.body());
                    assertThat(cutOver.path("phase").asString()).isEqualTo("CUT_OVER");
                    long freezeMs = cutOver.path("freezeWindowMs").asLong();
                    assertThat(freezeMs).as("the freeze window within its budget").isBetween(0L, FREEZE_BUDGET_MS);
                    more.awaitDone(Duration.ofMinutes(5));
                    int total = firstTotal + secondStream.messages().size();
                    Eventually.await("every command of both streams logged and applied by every fed store",
                            Duration.ofMinutes(3), () -> a.head() == total && allFedAt(a, total),
                            () -> String.valueOf(a.stores()));
                    System.out.printf("TWO INSTANCES on the Artemis pair: %,d + %,d commands at %d/s; instance SIGKILL: "
                                    + "stores moving again after %,d ms, lease taken over after %,d ms; primary broker SIGKILL: "
                                    + "log moving again after %,d ms; cut-over through the other instance with %,d of %,d of the "
                                    + "second stream posted: freeze window %,d ms (budget %,d ms)%n", firstTotal,
                            secondStream.messages().size(), RATE, storesBackMs, leaseBackMs, brokerBackMs, postedAtCut,
                            secondStream.messages().size(), freezeMs, FREEZE_BUDGET_MS);
                }
                assertThat(Files.readString(logs.resolve("two-instances-b.log")))
                        .contains("carried out request").contains("migrate.cutover on 'm-two'");
                CommandLog log = new CommandLog(new DriverManagerDataSource(business), 1000);
                LogChecks.assertExactlyOnceInOrder(log, stream, run);
                LogChecks.assertExactlyOnceInOrder(log, secondStream, run + "2");
                for (DemoStream s : List.of(stream, secondStream)) {
                    String r = s == stream ? run : run + "2";
                    DemoStores.assertLegacyMatches(new DriverManagerDataSource(legacyUrl), s.model(), r);
                    DemoStores.assertModernMatches(new DriverManagerDataSource(modernUrl), s.model(), r);
                }
            } finally {
                first.destroy();
                first.waitFor();
                if (second != null) {
                    second.destroy();
                    second.waitFor();
                }
            }
        }
    }

    /** Every store that is fed (not detached) is at {@code seq}. */
    private static boolean allFedAt(ChildApplication app, long seq) {
        JsonNode stores = app.stores();
        if (stores == null) {
            return false;
        }
        for (JsonNode s : stores) {
            if (!"detached".equalsIgnoreCase(s.path("role").asString()) && s.path("checkpoint").asLong() != seq) {
                return false;
            }
        }
        return true;
    }

    private static boolean storePaused(ChildApplication app, String store) {
        for (JsonNode s : app.stores() == null ? JSON.createArrayNode() : app.stores()) {
            if (store.equals(s.path("name").asString())) {
                return s.path("paused").asBoolean();
            }
        }
        return false;
    }

    private static JsonNode coordinator(ChildApplication app) {
        return json(app.get("/api/coordinator"));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return response.statusCode() == 200 ? json(response.body()) : JSON.createObjectNode();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private static HttpResponse<String> post(ChildApplication app, String path, String type, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", app.authorization()).header("content-type", type)
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
