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
import io.bizmaster.store.redis.RedisStoreTest;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LocalRedis;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A migration whose target is a Redis store, under load: the read model is rebuilt from the command log through
 * {@code cache@1}, catches up, is verified against legacy through the record projections, cut over and completed;
 * a snapshot backfill into it and a migration to a write-only feed are refused at create, saying why.
 */
class RedisMigrationTest {

    @TempDir
    Path data;

    @Test
    void aRedisReadModelIsBuiltByAMigrationVerifiedAndCutOverUnderLoad() throws Exception {
        try (LocalRedis redis = LocalRedis.connect()) {
            String run = "redis-migration";
            DemoStream stream = DemoStream.generate(8_000, 600, 19, run);
            TestApplication app = TestApplication.inFolder(data)
                    .with("bizmaster.stores.cache.role", "detached")
                    .with("bizmaster.stores.cache.converter", "cache@1")
                    .with("bizmaster.stores.cache.connector", "redis")
                    .with("bizmaster.stores.cache.options.host", LocalRedis.HOST)
                    .with("bizmaster.stores.cache.options.port", LocalRedis.PORT)
                    .with("bizmaster.stores.cache.options.key-prefix", redis.prefix())
                    .with("bizmaster.stores.feed.role", "detached")
                    .with("bizmaster.stores.feed.converter", "cache@1")
                    .with("bizmaster.stores.feed.connector", "camel")
                    .with("bizmaster.stores.feed.options.uri", "file:" + data.resolve("feed"));
            try (ConfigurableApplicationContext context = app.start();
                 LoadGenerator load = new LoadGenerator(stream, 500).start(context.getBean(CommandPoster.class))) {
                CommandLog log = context.getBean(CommandLog.class);
                StoreRegistry stores = context.getBean(StoreRegistry.class);
                StoreStatusService status = context.getBean(StoreStatusService.class);
                Http http = Http.of(context);
                Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 2_000);

                var snapshot = http.post("/api/migrations", "id: s1\nsource: legacy\ntarget: cache\nbackfill: snapshot\n"
                        + "mapping:\n  - {table: customer, key: id, query: SELECT ID AS id FROM CUSTOMER}\n");
                assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(400);
                assertThat(snapshot.body()).contains("store 'cache' is on connector 'redis' and keeps records by key; "
                        + "use backfill: replay");
                var feed = http.post("/api/migrations", "id: f1\nsource: legacy\ntarget: feed\nbackfill: replay\n");
                assertThat(feed.statusCode()).as(feed.body()).isEqualTo(400);
                assertThat(feed.body()).contains("target store 'feed' is on connector 'camel', which is write-only");

                var created = http.post("/api/migrations", "id: r1\nsource: legacy\ntarget: cache\nbackfill: replay\n"
                        + "max-freeze-ms: 5000\nmax-cutover-lag: 2000\nchunk: 1000\nthrottle-lag: 20000\n");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonNode ready = awaitPhase(http, "r1", "READY", Duration.ofMinutes(2));
                assertThat(ready.path("captureSeq").asLong()).isGreaterThanOrEqualTo(2_000);
                assertThat(stores.get("cache").role()).isEqualTo(StoreRole.SHADOW);

                JsonNode cut = null;
                for (int attempt = 0; attempt < 50; attempt++) {
                    var answer = http.post("/api/migrations/r1/cutover", null);
                    if (answer.statusCode() == 200) {
                        cut = json(answer);
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(cut).as("the cut-over answered").isNotNull();
                assertThat(cut.path("phase").asString()).as(cut.toString()).isEqualTo("CUT_OVER");
                assertThat(stores.get("cache").role()).isEqualTo(StoreRole.PRIMARY);
                System.out.printf("migration legacy -> Redis store: captured at seq %,d, cut over with a freeze of %d ms "
                        + "under %d commands/s%n", ready.path("captureSeq").asLong(), cut.path("freezeWindowMs").asLong(),
                        load.perSecond());
                JsonNode done = json(http.post("/api/migrations/r1/complete", null));
                assertThat(done.path("phase").asString()).as(done.toString()).isEqualTo("COMPLETED");
                assertThat(stores.get("legacy").role()).isEqualTo(StoreRole.DETACHED);

                load.awaitDone(Duration.ofMinutes(3));
                long total = stream.messages().size();
                Eventually.await("every fed store at the head", Duration.ofMinutes(2),
                        () -> log.head() >= total && status.all().stream().filter(s -> !"detached".equals(s.role()))
                                .allMatch(s -> s.checkpoint() == log.head()),
                        () -> "head " + log.head() + ", " + status.all());
                LogChecks.assertExactlyOnceInOrder(log, stream, run);
                RedisStoreTest.assertCacheMatches(redis, stream.model(), run);
                DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
            }
        }
    }
}
