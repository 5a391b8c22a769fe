package io.bizmaster.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.StandaloneArtemis;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Two BizMaster processes against one standalone Artemis and one business store (PostgreSQL, fresh schemas), under
 * load: the instance that applies the stores (it consumed their exclusive queues first) and coordinates is killed
 * with SIGKILL; before that, a store paused and resumed through the other instance stops and restarts on the one that
 * applies it. The survivor takes the stores' queues, the intake and the lease over, everything posted is logged once and every
 * store reaches the head. Then the killed one comes back (not the coordinator now) and a migration is created and cut
 * over through it: the coordinator carries the verbs out.
 */
class TwoInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 400;

    @TempDir
    Path data;

    @Test
    void theSurvivorTakesTheStoresAndTheLeaseOverAndVerbsWorkFromTheOtherInstance() throws Exception {
        String home = System.getProperty("chaos.artemis-home");
        Assumptions.assumeTrue(home != null && Files.isDirectory(Path.of(home)),
                "the Artemis distribution is unpacked by the chaos profile: run mvn -Pchaos test");
        Path logs = Files.createDirectories(Path.of("target", "chaos"));
        String business = ExternalDatabases.freshPostgres();
        List<String> shared = List.of("--spring.datasource.url=" + business,
                "--bizmaster.stores.legacy.options.url=" + ExternalDatabases.freshPostgres(),
                "--bizmaster.stores.modern.options.url=" + ExternalDatabases.freshPostgres(),
                "--bizmaster.stores.modern2.role=detached", "--bizmaster.stores.modern2.converter=modern@2",
                "--bizmaster.stores.modern2.connector=jdbc",
                "--bizmaster.stores.modern2.options.url=" + ExternalDatabases.freshPostgres(),
                "--bizmaster.broker.embedded=false", "--bizmaster.coordinator.lease-duration=4s",
                "--bizmaster.coordinator.renew-interval=1s");
        String run = "two";
        DemoStream stream = DemoStream.generate(12_000, 1_000, 17, run);
        try (StandaloneArtemis broker = new StandaloneArtemis(Path.of(home), data.resolve("broker"),
                logs.resolve("two-instances-broker.log")).create()) {
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
            try (ActiveMQConnectionFactory factory = AppCenter.core(broker.port());
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
                System.out.printf("two instances: stores moving again %d ms after the SIGKILL, lease taken over after %d ms%n",
                        storesBackMs, leaseBackMs);

                load.awaitDone(Duration.ofMinutes(5));
                int total = stream.messages().size();
                // modern2 is detached until the migration: the fed stores are legacy and modern.
                Eventually.await("every command logged and applied by the survivor", Duration.ofMinutes(3),
                        () -> b.head() == total && b.checkpoint("legacy") == total && b.checkpoint("modern") == total,
                        () -> String.valueOf(b.stores()));
                LogChecks.assertExactlyOnceInOrder(new CommandLog(new DriverManagerDataSource(business), 1000), stream, run);

                // The killed instance comes back: b keeps the lease; a migration through a is carried out by b.
                first = a.start();
                assertThat(coordinator(a).path("thisOne").asBoolean()).isFalse();
                HttpResponse<String> created = post(a, "/api/migrations", "application/yaml", "id: m-two\nsource: legacy\n"
                        + "target: modern2\nbackfill: replay\nmax-freeze-ms: 10000\n");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                Eventually.await("m-two READY", Duration.ofMinutes(3),
                        () -> "READY".equals(json(a.get("/api/migrations/m-two")).path("phase").asString()),
                        () -> a.get("/api/migrations/m-two").body());
                HttpResponse<String> cut = post(a, "/api/migrations/m-two/cutover", "application/json", "{}");
                assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
                assertThat(json(cut.body()).path("phase").asString()).isEqualTo("CUT_OVER");
                assertThat(Files.readString(logs.resolve("two-instances-b.log")))
                        .contains("carried out request").contains("migrate.cutover on 'm-two'");
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
