package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Kills the application with SIGKILL inside a cut-over's freeze (intake stopped, stores draining), under
 * load, and starts it again: the roles match the phase (no half flip), the intake runs, and a new cut-over
 * finishes the migration with every command in the log once and every store equal to the model.
 */
class CutOverCrashTest {

    private static final Path LOG = Path.of("target", "cutover-crash-test-app.log");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void killedInsideTheFreezeTheMigrationComesBackConsistentAndFinishes() throws Exception {
        ChildApplication child = new ChildApplication(data, LOG, List.of(
                "--bizmaster.stores.modern2.role=detached",
                "--bizmaster.stores.modern2.converter=modern@1",
                "--bizmaster.stores.modern2.connector=jdbc",
                "--bizmaster.stores.modern2.options.url=" + "jdbc:h2:file:" + data.resolve("stores/modern2") + ";WRITE_DELAY=0",
                "--bizmaster.stores.modern2.options.username=sa"));
        int brokerPort = child.brokerPort();
        String base = child.baseUrl();
        String run = "cutcrash";
        DemoStream stream = DemoStream.generate(30_000, 3_000, 47, run);
        boolean caughtInFreeze = false;
        int kills = 0;
        try (ActiveMQConnectionFactory factory = AppCenter.core(brokerPort);
             LoadGenerator load = new LoadGenerator(stream, 800)) {
            for (int attempt = 0; attempt < 5 && !caughtInFreeze; attempt++) {
                Process app = child.start();
                try {
                    if (attempt == 0) {
                        load.start(new CommandPoster(factory));
                        Eventually.await("load flowing", Duration.ofSeconds(90), () -> head(child) >= 2_000);
                        assertThat(post(child, base + "/api/migrations", MigrationTestSupport.replayDefinition("c1")).statusCode())
                                .isEqualTo(201);
                    } else {
                        assertRolesMatchPhase(child);
                    }
                    Eventually.await("ready to cut over", Duration.ofMinutes(2),
                            () -> List.of("READY", "ROLLED_BACK", "CUT_OVER").contains(phase(child)));
                    if (phase(child).equals("CUT_OVER")) {
                        // Just restarted under load, the backlog the kill left can keep a rollback's freeze over its
                        // budget: it aborts (409) with the roles unchanged, and is tried again as an operator would.
                        Eventually.await("rolled back", Duration.ofMinutes(2),
                                () -> rolledBack(child, base));
                    }
                    CompletableFuture<HttpResponse<String>> cut = http.sendAsync(HttpRequest.newBuilder(
                            URI.create(base + "/api/migrations/c1/cutover")).header("Authorization", child.authorization())
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    while (!cut.isDone()) {
                        if ("FREEZING".equals(phase(child))) {
                            caughtInFreeze = true;
                            break;
                        }
                    }
                } finally {
                    app.destroyForcibly().waitFor();
                    kills++;
                }
            }
            assertThat(caughtInFreeze).as("killed inside a freeze within " + kills + " attempts").isTrue();

            // The last start, in process, on the same data and broker port: the load goes on through it.
            try (ConfigurableApplicationContext last = MigrationTestSupport.withTarget(data)
                    .with("bizmaster.broker.port", brokerPort).start()) {
                MigrationWorkflow workflow = last.getBean(MigrationWorkflow.class);
                StoreRegistry stores = last.getBean(StoreRegistry.class);
                MigrationStatus after = workflow.status("c1");
                System.out.println("after the kill inside the freeze: " + after.phase() + ": " + after.message());
                boolean flipped = after.phase().equals("CUT_OVER");
                assertThat(stores.get("modern2").role()).isEqualTo(flipped ? StoreRole.PRIMARY : StoreRole.SHADOW);
                assertThat(stores.get("legacy").role()).isEqualTo(flipped ? StoreRole.SHADOW : StoreRole.PRIMARY);
                CommandLog log = last.getBean(CommandLog.class);
                MigrationStatus cut = after;
                if (!flipped) {
                    Eventually.await("ready again", Duration.ofMinutes(2),
                            () -> List.of("READY", "ROLLED_BACK").contains(workflow.status("c1").phase()));
                    cut = MigrationTestSupport.cutOverWithRetries(workflow, "c1");
                }
                assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.PRIMARY);
                System.out.printf("cut over after %d SIGKILLs (the last inside the freeze): freeze window %s ms under %d "
                        + "commands/s%n", kills, cut.freezeWindowMs(), load.perSecond());

                load.poster(last.getBean(CommandPoster.class));
                load.awaitDone(Duration.ofMinutes(3));
                StoreStatusService status = last.getBean(StoreStatusService.class);
                LogChecks.awaitAllAppliedExactlyOnce(log, status, stream, run, Duration.ofMinutes(3));
                DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
                DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
                DemoStores.assertModernMatches(stores.get("modern2").dataSource(), stream.model(), run);
            }
        }
    }

    /** After a restart: CUT_OVER means the target is primary; any other phase means nothing flipped. */
    private void assertRolesMatchPhase(ChildApplication child) throws Exception {
        String phase = phase(child);
        JsonNode stores = json.readTree(child.get("/api/stores").body());
        String legacy = null;
        String modern2 = null;
        for (JsonNode s : stores) {
            if (s.path("name").asString().equals("legacy")) {
                legacy = s.path("role").asString();
            } else if (s.path("name").asString().equals("modern2")) {
                modern2 = s.path("role").asString();
            }
        }
        boolean flipped = phase.equals("CUT_OVER");
        assertThat(phase).as("no migration is left in FREEZING after a restart").isNotEqualTo("FREEZING");
        assertThat(legacy).as("legacy in phase %s", phase).isEqualTo(flipped ? "shadow" : "primary");
        assertThat(modern2).as("modern2 in phase %s", phase).isEqualTo(flipped ? "primary" : "shadow");
    }



    private String phase(ChildApplication child) {
        HttpResponse<String> r = child.get("/api/migrations/c1");
        try {
            return r.statusCode() == 200 ? json.readTree(r.body()).path("phase").asString() : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    private long head(ChildApplication child) {
        try {
            JsonNode stores = json.readTree(child.get("/api/stores").body());
            return stores.isEmpty() ? 0 : stores.get(0).path("head").asLong();
        } catch (Exception e) {
            return 0;
        }
    }


    private boolean rolledBack(ChildApplication child, String base) {
        try {
            HttpResponse<String> answer = post(child, base + "/api/migrations/c1/rollback", null);
            System.out.println("rollback: " + answer.statusCode() + " " + answer.body());
            return answer.statusCode() == 200;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(ChildApplication child, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", child.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
