package io.bizmaster.migrate;

import static io.bizmaster.migrate.MigrationTestSupport.awaitPhase;
import static io.bizmaster.migrate.MigrationTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * A cut-over that cannot finish inside its freeze budget flips nothing and resumes the intake on the old
 * primary; cancelling the migration then drops the target's feed (route and queue).
 */
class CutOverAbortTest {

    @TempDir
    Path data;

    @Test
    void aCutOverOverItsBudgetAbortsAndCancelDropsTheTargetsFeed() throws Exception {
        String run = "abort";
        DemoStream stream = DemoStream.generate(8_000, 800, 41, run);
        try (ConfigurableApplicationContext context = MigrationTestSupport.withTarget(data).start();
             LoadGenerator load = new LoadGenerator(stream, 800).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            Http http = Http.of(context);
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 1_000);
            // A budget of 1 ms: stopping the intake alone takes longer.
            String definition = MigrationTestSupport.replayDefinition("a1").replace("max-freeze-ms: 5000", "max-freeze-ms: 1");
            assertThat(http.post("/api/migrations", definition).statusCode()).isEqualTo(201);
            awaitPhase(http, "a1", "READY", Duration.ofMinutes(2));

            HttpResponse<String> refused = http.post("/api/migrations/a1/cutover", null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("cut-over aborted").contains("'legacy' still primary");
            JsonNode after = MigrationTestSupport.status(http, "a1");
            assertThat(after.path("phase").asString()).isEqualTo("READY");
            assertThat(after.path("freezeWindowMs").asLong()).isPositive();
            assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.PRIMARY);
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.SHADOW);
            assertThat(context.getBean(CamelContext.class).getRouteController().getRouteStatus("intake").isStarted())
                    .as("the intake runs again").isTrue();
            long headAfterAbort = log.head();
            Eventually.await("commands flowing after the abort", Duration.ofSeconds(30), () -> log.head() > headAfterAbort);
            System.out.printf("aborted cut-over: freeze window %d ms against a budget of 1 ms, under %d commands/s%n",
                    after.path("freezeWindowMs").asLong(), load.perSecond());

            JsonNode cancelled = json(http.post("/api/migrations/a1/cancel", null));
            assertThat(cancelled.path("phase").asString()).isEqualTo("CANCELLED");
            assertThat(stores.get("modern2").role()).isEqualTo(StoreRole.DETACHED);
            assertThat(context.getBean(CamelContext.class).getRoute("apply-modern2")).isNull();
            assertThat(http.post("/api/migrations/a1/cutover", null).statusCode()).isEqualTo(409);

            load.awaitDone(Duration.ofMinutes(2));
            StoreStatusService status = context.getBean(StoreStatusService.class);
            long total = stream.messages().size();
            Eventually.await("the fed stores at the head", Duration.ofMinutes(2),
                    () -> log.head() == total && status.all().stream().filter(s -> !"detached".equals(s.role()))
                            .allMatch(s -> s.checkpoint() == total),
                    () -> "head " + log.head() + ", " + status.all());
            assertThat(status.one("modern2").checkpoint()).as("a cancelled target is fed no more").isLessThan(total);
            LogChecks.assertExactlyOnceInOrder(log, stream, run);
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
        }
    }
}
