package io.bizmaster.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.demo.DemoModel;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.pipeline.StoreRecovery;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.BrokerConfigs;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LocalRedis;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TcpProxy;
import io.bizmaster.testing.TestApplication;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A third store, a read model in the local Redis through the {@code redis} connector and the {@code cache@1} converter,
 * fed in parallel with the demo's two relational stores: at the head and equal to the model; a Redis that goes away
 * under load is retried, never parks a command, and catches up when it is back.
 */
public class RedisStoreTest {

    @TempDir
    Path data;

    @Test
    void aRedisReadModelIsFedLikeAnyStoreAndEqualsTheModel() throws Exception {
        try (LocalRedis redis = LocalRedis.connect()) {
            String run = "redis";
            DemoStream stream = DemoStream.generate(3_000, 150, 41, run);
            try (ConfigurableApplicationContext context = withCache(redis, LocalRedis.PORT).start()) {
                post(context, stream, 0, stream.messages().size());
                LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class),
                        context.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));
                assertThat(redis.get(redis.prefix() + ":checkpoint")).isEqualTo(String.valueOf(stream.messages().size()));
                assertCacheMatches(redis, stream.model(), run);
                Store cache = context.getBean(StoreRegistry.class).get("cache");
                assertThat(cache.parkedKeyCount()).as("nothing parked in the cache").isZero();
                assertThat(context.getBean(StoreStatusService.class).one("cache").connector()).isEqualTo("redis");

                // A replay from 0 empties only what the converter owns and rebuilds it: a stale record is gone.
                redis.hset(redis.prefix() + ":customer:" + run + "-ghost", "name", "stale");
                redis.hset(redis.prefix() + ":customer:" + stream.model().customers().keySet().iterator().next(), "name",
                        "tampered");
                redis.hset("bizmaster-test:not-ours", "name", "kept");
                ApiClient api = ApiClient.operator(context.getEnvironment());
                api.postOk("/api/stores/cache/replay", "{\"from\": 0}", 202);
                JsonNode[] last = new JsonNode[1];
                Eventually.await("the replay of the cache", Duration.ofMinutes(2), () -> {
                    last[0] = api.getJson("/api/stores/cache/replay");
                    return last[0].path("phase").asString().matches("DONE|FAILED");
                }, () -> String.valueOf(last[0]));
                assertThat(last[0].path("phase").asString()).as(String.valueOf(last[0])).isEqualTo("DONE");
                assertThat(redis.keys(redis.prefix() + ":customer:" + run + "-ghost")).isEmpty();
                assertThat(redis.hash("bizmaster-test:not-ours")).as("a key outside the prefix").containsEntry("name", "kept");
                assertThat(redis.get(redis.prefix() + ":checkpoint")).isEqualTo(String.valueOf(stream.messages().size()));
                assertCacheMatches(redis, stream.model(), run);
                System.out.printf("replay --from 0 of the Redis store: %s%n", last[0].path("message").asString());

                // Verified against the relational legacy store through both converters' projections.
                JsonNode equal = api.verify("legacy", "cache");
                assertThat(equal.path("outcome").asString()).as(equal.toString()).isEqualTo("EQUAL");
                assertThat(equal.path("matched").asLong()).as(equal.toString()).isEqualTo(stream.model().customers().size() + stream.model().orders().size());
                System.out.printf("verify legacy cache: %s%n", equal.path("summary").asString());

                // Planted: a renamed customer, an order the command log never placed, a deleted order.
                String customer = stream.model().customers().keySet().iterator().next();
                String order = stream.model().orders().keySet().iterator().next();
                redis.hset(redis.prefix() + ":customer:" + customer, "name", "planted");
                redis.hset(redis.prefix() + ":orders:" + run + "-O-planted", "status", "PLACED");
                redis.index("orders", run + "-O-planted");
                redis.delete(redis.prefix() + ":orders:" + order);
                JsonNode different = api.verify("legacy", "cache");
                assertThat(different.path("outcome").asString()).as(different.toString()).isEqualTo("DIFFERENT");
                assertThat(different.path("differenceCount").asLong()).as(different.toString()).isEqualTo(3);
                List<String> found = new ArrayList<>();
                different.path("differences").forEach(d -> found.add(d.path("kind").asString() + " "
                        + d.path("entity").asString() + " " + d.path("key").asString() + " " + d.path("columns")));
                assertThat(found).containsExactlyInAnyOrder("DIFFERENT customer " + customer + " [\"name\"]",
                        "EXTRA order " + run + "-O-planted []", "MISSING order " + order + " []");
            } finally {
                redis.delete("bizmaster-test:not-ours");
            }
        }
    }

    /**
     * Redis has no snapshots: a verification reads it page by page, each page atomically with the checkpoint, while
     * commands go on changing it. Small chunks make the scan take many pages while the stream flows; keys changed
     * under the pages are re-checked, so the outcome is EQUAL, not a false difference.
     */
    @Test
    void aRedisReadModelVerifiesEqualWhileCommandsFlow() throws Exception {
        try (LocalRedis redis = LocalRedis.connect()) {
            String run = "redis-flow";
            DemoStream stream = DemoStream.generate(6_000, 300, 43, run);
            try (ConfigurableApplicationContext context = withCache(redis, LocalRedis.PORT)
                    .with("bizmaster.verify.chunk-size", 20).start()) {
                post(context, stream, 0, 2_000);
                StoreStatusService status = context.getBean(StoreStatusService.class);
                Eventually.await("the first 2,000 applied everywhere", Duration.ofMinutes(2),
                        () -> status.all().stream().allMatch(st -> st.checkpoint() == 2_000), () -> String.valueOf(status.all()));
                java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
                Thread flow = new Thread(() -> {
                    try {
                        for (int from = 2_000; from < stream.messages().size(); from += 25) {
                            post(context, stream, from, Math.min(stream.messages().size(), from + 25));
                            Thread.sleep(5);
                        }
                    } catch (Exception e) {
                        failed.set(e);
                    }
                }, "flow");
                flow.start();
                ApiClient api = ApiClient.operator(context.getEnvironment());
                JsonNode report = api.verify("legacy", "cache");
                boolean flowedThroughout = flow.isAlive();
                flow.join();
                assertThat(failed.get()).isNull();
                System.out.printf("verify legacy cache while commands flow: %s%n", report.path("summary").asString());
                assertThat(report.path("outcome").asString()).as(report.toString()).isEqualTo("EQUAL");
                assertThat(flowedThroughout).as("commands still flowing when the verification ended").isTrue();
                LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class),
                        context.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));
                assertCacheMatches(redis, stream.model(), run);
            }
        }
    }

    @Test
    void aRedisThatGoesAwayUnderLoadIsRetriedNeverParkedAndCaughtUpWhenBack() throws Exception {
        try (LocalRedis redis = LocalRedis.connect(); TcpProxy proxy = new TcpProxy(LocalRedis.HOST, LocalRedis.PORT)) {
            String run = "redis-outage";
            DemoStream stream = DemoStream.generate(3_000, 150, 43, run);
            // The feed's redelivery is held ten minutes back: the cache catching up can only be its probe's doing.
            try (ConfigurableApplicationContext context = withCache(redis, proxy.port())
                    .with("bizmaster.broker.config", BrokerConfigs.slowFeedRedelivery(data.resolve("broker-config")))
                    .with("bizmaster.stores.cache.options.timeout", "2").start()) {
                Store cache = context.getBean(StoreRegistry.class).get("cache");
                Store legacy = context.getBean(StoreRegistry.class).get("legacy");
                post(context, stream, 0, 1_000);
                Eventually.await("the first commands in the cache", Duration.ofMinutes(1),
                        () -> cache.knownCheckpoint() >= 1_000);

                long recoveriesBefore = context.getBean(StoreRecovery.class).recoveries();
                proxy.mode(TcpProxy.Mode.DROP);
                post(context, stream, 1_000, 2_000);
                Eventually.await("the primary applying while Redis is away", Duration.ofMinutes(1),
                        () -> legacy.knownCheckpoint() >= 2_000);
                Eventually.await("the cache failing on its connection", Duration.ofMinutes(1),
                        () -> context.getBean(ApplyFailures.class).unreachable().containsKey("cache"));
                assertThat(cache.knownCheckpoint()).as("the cache behind while Redis is away").isLessThan(2_000);
                assertThat(context.getBean(StoreStatusService.class).one("cache").reachable()).isFalse();

                proxy.mode(TcpProxy.Mode.PASS);
                // Nothing is posted until it has caught up: no new feed message can have woken it either.
                Eventually.await("the cache caught up once Redis is back", Duration.ofMinutes(1),
                        () -> cache.knownCheckpoint() >= 2_000);
                assertThat(context.getBean(StoreRecovery.class).recoveries()).as("woken by its probe")
                        .isGreaterThan(recoveriesBefore);
                post(context, stream, 2_000, stream.messages().size());
                LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class),
                        context.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));
                assertThat(cache.parkedKeyCount()).as("an outage parks nothing").isZero();
                assertCacheMatches(redis, stream.model(), run);
            }
        }
    }

    @Test
    void aChangeRedisRefusesParksItsCommandAndTheKeysLaterOnesWhileOtherKeysGoOn() throws Exception {
        try (LocalRedis redis = LocalRedis.connect()) {
            try (ConfigurableApplicationContext context = withCache(redis, LocalRedis.PORT).start()) {
                Store cache = context.getBean(StoreRegistry.class).get("cache");
                CommandPoster poster = context.getBean(CommandPoster.class);
                poster.post(List.of(command("r-1", "c-1", "customer.registered", "{\"name\":\"Ann\",\"address\":"
                        + "{\"street\":\"1 Main St\",\"zip\":\"1\",\"city\":\"Springfield\"}}")));
                Eventually.await("c-1 in the cache", Duration.ofMinutes(1), () -> cache.knownCheckpoint() >= 1);
                // Someone else's write: the field an increment adds to is no longer a number.
                redis.hset(redis.prefix() + ":customer:c-1", "points", "many");
                poster.post(List.of(
                        command("r-2", "c-1", "customer.credited", "{\"amount\":5}"),
                        command("r-3", "c-1", "customer.renamed", "{\"name\":\"Anna\"}"),
                        command("r-4", "c-2", "customer.registered", "{\"name\":\"Bo\",\"address\":"
                                + "{\"street\":\"2 Main St\",\"zip\":\"2\",\"city\":\"Shelbyville\"}}")));
                Eventually.await("the cache at the head", Duration.ofMinutes(1), () -> cache.knownCheckpoint() >= 4);
                assertThat(redis.hash(redis.prefix() + ":customer:c-2")).containsEntry("name", "Bo");
                assertThat(redis.hash(redis.prefix() + ":customer:c-1")).as("c-1 held where its refused command left it")
                        .containsEntry("name", "Ann").containsEntry("points", "many");
                assertThat(redis.hash(redis.prefix() + ":parked")).containsOnlyKeys("2", "3");
                assertThat(redis.hash(redis.prefix() + ":parked").get("2")).contains("r-2", "not a number");
                assertThat(redis.hash(redis.prefix() + ":parked").get("3")).contains("waits behind it");
                assertThat(cache.parkedKeyCount()).isEqualTo(1);
                assertThat(context.getBean(StoreStatusService.class).one("cache").parkedKeys()).isEqualTo(1);

                // The operator's side, as for a relational store: list, retry (fails again, then passes), skip.
                ApiClient api = ApiClient.operator(context.getEnvironment());
                JsonNode listed = api.getJson("/api/stores/cache/parked");
                assertThat(listed.path("parkedNow").asLong()).isEqualTo(2);
                assertThat(listed.path("commands").get(0).path("commandId").asString()).isEqualTo("r-2");
                assertThat(listed.path("commands").get(0).path("state").asString()).isEqualTo("PARKED");
                JsonNode again = api.postOk("/api/stores/cache/parked/retry", "{\"key\": \"c-1\"}", 200);
                assertThat(again.path("applied").asInt()).as(again.toString()).isZero();
                assertThat(again.path("stillParked").asInt()).isEqualTo(2);
                assertThat(again.path("reason").asString()).contains("not a number");
                redis.hset(redis.prefix() + ":customer:c-1", "points", "10");
                JsonNode retried = api.postOk("/api/stores/cache/parked/retry", "{}", 200);
                assertThat(retried.path("applied").asInt()).as(retried.toString()).isEqualTo(2);
                assertThat(retried.path("stillParked").asInt()).isZero();
                assertThat(redis.hash(redis.prefix() + ":customer:c-1")).containsEntry("name", "Anna")
                        .containsEntry("points", "15");
                assertThat(api.getJson("/api/stores/cache/parked").path("commands")).isEmpty();
                assertThat(cache.parkedKeyCount()).isZero();
                assertThat(redis.get(redis.prefix() + ":checkpoint")).as("a retry leaves the checkpoint").isEqualTo("4");

                redis.hset(redis.prefix() + ":customer:c-1", "points", "x");
                poster.post(List.of(command("r-5", "c-1", "customer.credited", "{\"amount\":1}")));
                Eventually.await("r-5 parked", Duration.ofMinutes(1), () -> cache.knownCheckpoint() >= 5);
                assertThat(cache.parkedKeyCount()).isEqualTo(1);
                var noReason = api.post("/api/stores/cache/parked/5/skip", "{}");
                assertThat(noReason.getStatus().value()).as(noReason.getResponseBody()).isEqualTo(400);
                JsonNode skipped = api.postOk("/api/stores/cache/parked/5/skip", "{\"reason\": \"credited by hand\"}", 200);
                assertThat(skipped.path("state").asString()).isEqualTo("SKIPPED");
                assertThat(skipped.path("skipReason").asString()).isEqualTo("credited by hand");
                assertThat(cache.parkedKeyCount()).isZero();
                var notParked = api.post("/api/stores/cache/parked/5/skip", "{\"reason\": \"twice\"}");
                assertThat(notParked.getStatus().value()).as(notParked.getResponseBody()).isEqualTo(409);
                poster.post(List.of(command("r-6", "c-1", "customer.renamed", "{\"name\":\"Annie\"}")));
                Eventually.await("r-6 applied", Duration.ofMinutes(1), () -> cache.knownCheckpoint() >= 6);
                assertThat(redis.hash(redis.prefix() + ":customer:c-1")).as("the key no longer parks its commands")
                        .containsEntry("name", "Annie");
                assertThat(api.getJson("/api/stores/cache/parked").path("commands").get(0).path("state").asString())
                        .isEqualTo("SKIPPED");
            }
        }
    }

    @Test
    void aStoreFedFromAnotherLogIsPausedNotFedUntilItIsRebuilt(@TempDir Path other) throws Exception {
        try (LocalRedis redis = LocalRedis.connect()) {
            DemoStream first = DemoStream.generate(600, 40, 47, "first-log");
            try (ConfigurableApplicationContext context = withCache(redis, LocalRedis.PORT).start()) {
                post(context, first, 0, first.messages().size());
                Eventually.await("the cache at the head", Duration.ofMinutes(1),
                        () -> context.getBean(StoreRegistry.class).get("cache").knownCheckpoint() >= 600);
            }
            // The Redis read model is kept, the business store is not: a new, empty command log.
            String run = "second-log";
            DemoStream second = DemoStream.generate(300, 30, 53, run);
            try (ConfigurableApplicationContext context = withCache(other, redis, LocalRedis.PORT).start()) {
                Store cache = context.getBean(StoreRegistry.class).get("cache");
                assertThat(cache.paused()).as("a store past the head of this log is paused at start-up").isTrue();
                post(context, second, 0, second.messages().size());
                Eventually.await("the relational stores at the head", Duration.ofMinutes(1),
                        () -> context.getBean(StoreRegistry.class).get("modern").knownCheckpoint() >= 300);
                assertThat(redis.get(redis.prefix() + ":checkpoint")).as("the cache skipped nothing").isEqualTo("600");

                ApiClient api = ApiClient.operator(context.getEnvironment());
                api.postOk("/api/stores/cache/replay", "{\"from\": 0}", 202);
                Eventually.await("the cache rebuilt from this log", Duration.ofMinutes(1),
                        () -> api.getJson("/api/stores/cache/replay").path("phase").asString().equals("DONE"));
                assertThat(redis.get(redis.prefix() + ":checkpoint")).isEqualTo("300");
                assertThat(redis.keys(redis.prefix() + ":customer:first-log-*")).as("the other log's records").isEmpty();
                assertCacheMatches(redis, second.model(), run);
                assertThat(cache.paused()).as("paused as it was until the operator resumes it").isTrue();
                api.postOk("/api/stores/cache/resume", "{}", 200);
                assertThat(cache.paused()).isFalse();
            }
        }
    }

    private static OutgoingCommand command(String id, String key, String type, String payload) {
        String json = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"key\":\"" + key + "\",\"payload\":"
                + payload + "}";
        return CommandSplitter.split(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0);
    }

    private TestApplication withCache(LocalRedis redis, int port) {
        return withCache(data, redis, port);
    }

    /** The embedded default in {@code folder}, with a third store 'cache' in Redis under the test's own prefix. */
    private static TestApplication withCache(Path folder, LocalRedis redis, int port) {
        return TestApplication.inFolder(folder)
                .with("bizmaster.stores.cache.role", "shadow")
                .with("bizmaster.stores.cache.converter", "cache@1")
                .with("bizmaster.stores.cache.connector", "redis")
                .with("bizmaster.stores.cache.options.host", LocalRedis.HOST)
                .with("bizmaster.stores.cache.options.port", port)
                .with("bizmaster.stores.cache.options.key-prefix", redis.prefix());
    }

    private static void post(ConfigurableApplicationContext context, DemoStream stream, int from, int to) throws Exception {
        List<OutgoingCommand> commands = new ArrayList<>();
        for (byte[] message : stream.messages().subList(from, to)) {
            commands.add(CommandSplitter.split(message).get(0));
        }
        context.getBean(CommandPoster.class).post(commands);
    }

    /** Every customer and order of the model, field by field, and the ordered key index of each entity. */
    public static void assertCacheMatches(LocalRedis redis, DemoModel model, String run) {
        List<String> problems = new ArrayList<>();
        model.customers().forEach((id, c) -> {
            Map<String, String> record = redis.hash(redis.prefix() + ":customer:" + id);
            if (record.isEmpty()) {
                problems.add("customer " + id + " is missing");
                return;
            }
            check(problems, id + " name", record.get("name"), c.name);
            check(problems, id + " email", record.get("email"), c.email);
            check(problems, id + " city", record.get("city"), c.city);
            check(problems, id + " points", Long.parseLong(record.getOrDefault("points", "0")), c.balance);
        });
        model.orders().forEach((id, o) -> {
            Map<String, String> record = redis.hash(redis.prefix() + ":orders:" + id);
            if (record.isEmpty()) {
                problems.add("order " + id + " is missing");
                return;
            }
            check(problems, id + " customer", record.get("customer"), o.customerId);
            check(problems, id + " total", new BigDecimal(record.get("total")).compareTo(o.total), 0);
            check(problems, id + " status", record.get("status"), o.cancelled ? "CANCELLED" : "PLACED");
        });
        long customers = redis.keys(redis.prefix() + ":customer:" + run + "-*").size();
        long orders = redis.keys(redis.prefix() + ":orders:" + run + "-*").size();
        check(problems, "customer records", customers, (long) model.customers().size());
        check(problems, "order records", orders, (long) model.orders().size());
        assertThat(problems).as("differences between the Redis read model and the model").isEmpty();
    }

    private static void check(List<String> problems, String what, Object actual, Object expected) {
        if (!java.util.Objects.equals(actual, expected)) {
            problems.add(what + ": " + actual + ", expected " + expected);
        }
    }
}
