package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.awaitPhase;
import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.cli.BizMasterCli;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Seed scenario 3 with the replay backfill, under load: a new store (modern2) is rebuilt from the command
 * log, catches up, shadows, is verified, cut over, rolled back, cut over again, and the old primary is
 * detached. The HTTP gateway answers 503 during the freezes; nothing posted is lost.
 */
class ReplayMigrationTest {

    @TempDir
    Path data;

    @Test
    void replayBackfillCutOverRollbackAndCompleteUnderLoad() throws Exception {
        String run = "replay";
        DemoStream stream = DemoStream.generate(15_000, 1_200, 11, run);
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data).start();
             LoadGenerator load = new LoadGenerator(stream, 600).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            StoreStatusService status = context.getBean(StoreStatusService.class);
            Http http = Http.of(context);
            List<String> gatewayAccepted = new ArrayList<>();
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 3_000);

            Path file = data.resolve("r1.yaml");
            Files.writeString(file, MigrationTestSupport.replayDefinition("r1"));
            assertThat(BizMasterCli.commandLine().execute("migrate", "create", file.toString(), "--url", http.base(), "--credentials", http.credentials().toString())).isZero();
            assertThat(http.post("/api/migrations", MigrationTestSupport.replayDefinition("r1")).statusCode())
                    .as("the same id twice").isEqualTo(400);
            JsonNode ready = awaitPhase(http, "r1", "READY", Duration.ofMinutes(2));
            assertThat(ready.path("captureSeq").asLong()).isGreaterThanOrEqualTo(3_000);
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.SHADOW);

            try (GatewayProbe gateway = new GatewayProbe(http)) {
                JsonNode cut = json(http.post("/api/migrations/r1/cutover", null));
                assertThat(cut.path("phase").asString()).as(cut.toString()).isEqualTo("CUT_OVER");
                long firstFreeze = cut.path("freezeWindowMs").asLong();
                assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.PRIMARY);
                assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.SHADOW);

                JsonNode back = json(http.post("/api/migrations/r1/rollback", null));
                assertThat(back.path("phase").asString()).as(back.toString()).isEqualTo("ROLLED_BACK");
                assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.PRIMARY);
                assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.SHADOW);
                long rollbackFreeze = back.path("freezeWindowMs").asLong();

                JsonNode again = json(http.post("/api/migrations/r1/cutover", null));
                assertThat(again.path("phase").asString()).as(again.toString()).isEqualTo("CUT_OVER");
                int posted = load.posted();
                System.out.printf("replay migration: freeze windows %d ms (cut-over), %d ms (rollback), %d ms (cut-over "
                        + "again), budget 5000 ms, under a load of %d commands/s (%d of %d posted so far); gateway: %d "
                        + "answered 202, %d answered 503 with Retry-After%n", firstFreeze, rollbackFreeze,
                        again.path("freezeWindowMs").asLong(), load.perSecond(), posted, load.total(), gateway.accepted.size(),
                        gateway.unavailable.get());
                assertThat(posted).as("the load ran through the cut-overs").isLessThan(load.total());
                assertThat(gateway.badRetryAfter.get()).as("503 answers without Retry-After").isZero();
                gatewayAccepted.addAll(gateway.accepted);
            }
            JsonNode metric = json(http.get("/actuator/metrics/bizmaster.migration.freeze.window?tag=migration:r1"));
            assertThat(metric.path("measurements").get(0).path("value").asDouble()).as(metric.toString()).isPositive();
            JsonNode done = json(http.post("/api/migrations/r1/complete", null));
            assertThat(done.path("phase").asString()).isEqualTo("COMPLETED");
            assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.DETACHED);
            assertThat(http.post("/api/migrations/r1/rollback", null).statusCode()).as("no rollback after complete").isEqualTo(409);

            load.awaitDone(Duration.ofMinutes(3));
            long total = stream.messages().size();
            Eventually.await("every fed store at the head", Duration.ofMinutes(2),
                    () -> log.head() >= total && status.all().stream().filter(s -> !"detached".equals(s.role()))
                            .allMatch(s -> s.checkpoint() == log.head()),
                    () -> "head " + log.head() + ", " + status.all());
            LogChecks.assertExactlyOnceInOrder(log, stream, run);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern2").dataSource(), stream.model(), run);
            for (String id : gatewayAccepted) {
                assertThat(log.byCommandId(id)).as("command %s, answered 202 by the gateway, is in the log", id).isNotEmpty();
            }
        }
    }

    /** Posts single commands to the HTTP gateway in a loop, retrying on 503 as the Retry-After asks (faster here). */
    static final class GatewayProbe implements AutoCloseable {
        final List<String> accepted = new ArrayList<>();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger badRetryAfter = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        GatewayProbe(Http http) {
            thread = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    String id = "gw-" + n;
                    HttpResponse<String> r = http.post("/api/commands", "{\"id\":\"" + id + "\",\"type\":\"customer.credited\","
                            + "\"key\":\"gw-C\",\"source\":\"probe\",\"payload\":{\"amount\":1}}");
                    if (r.statusCode() == 202) {
                        synchronized (accepted) {
                            accepted.add(id);
                        }
                        n++;
                    } else if (r.statusCode() == 503) {
                        unavailable.incrementAndGet();
                        if (r.headers().firstValue("Retry-After").isEmpty()) {
                            badRetryAfter.incrementAndGet();
                        }
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gateway-probe");
            thread.start();
        }

        List<String> acceptedSoFar() {
            synchronized (accepted) {
                return List.copyOf(accepted);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(5_000);
        }
    }
}
