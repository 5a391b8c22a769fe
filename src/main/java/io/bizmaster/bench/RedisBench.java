package io.bizmaster.bench;

import io.bizmaster.log.CommandLog;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.replay.ReplayStatus;
import io.bizmaster.replay.StoreReplay;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Redis store: its replay of the whole log into empty records (the same batches and fenced script as its live
 * apply) against the raw baseline of pipelined HSETs of as many records, measured in the same run on the same Redis.
 */
final class RedisBench {

    static final String STORE = "cached";
    static final String PREFIX = "bizmaster-bench:" + STORE;
    private static final int PIPELINE = 1_000;

    private final ConfigurableApplicationContext app;
    private final PrintStream out;
    private final String host;
    private final int port;

    RedisBench(ConfigurableApplicationContext app, PrintStream out, String host, int port) {
        this.app = app;
        this.out = out;
        this.host = host;
        this.port = port;
    }

    /** The settings of the store it replays into: detached (fed nothing) until the replay. */
    static Map<String, Object> storeSettings(String host, int port) {
        return Map.of("bizmaster.stores." + STORE + ".role", "detached",
                "bizmaster.stores." + STORE + ".converter", "cache@1",
                "bizmaster.stores." + STORE + ".connector", "redis",
                "bizmaster.stores." + STORE + ".options.host", host,
                "bizmaster.stores." + STORE + ".options.port", port,
                "bizmaster.stores." + STORE + ".options.key-prefix", PREFIX);
    }

    List<Figure> run(int baselineRecords) throws Exception {
        out.printf("Baselines: Redis at %s:%d: %,d pipelined HSETs of 3 fields ...%n", host, port, baselineRecords);
        Figure raw = Figure.baseline("raw pipelined HSET, redis", hsetsPerSecond(baselineRecords), "records/s");
        Figure live = live(raw);
        out.println("Redis store: replay of the whole log into empty records ...");
        StoreReplay replays = app.getBean(StoreReplay.class);
        long start = System.nanoTime();
        ReplayStatus status = replays.start(STORE, 0, false);
        long deadline = start + Duration.ofMinutes(30).toNanos();
        while (!status.phase().equals("DONE") && !status.phase().equals("FAILED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay of the Redis store still runs after 30 minutes: " + status.message());
            }
            Thread.sleep(20);
            status = replays.status(STORE);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!status.phase().equals("DONE")) {
            throw new IllegalStateException("the replay of the Redis store failed: " + status.message());
        }
        out.printf("  %,d commands in %.1f s%n", status.replayed(), seconds);
        return List.of(raw, live, Figure.against("replay of a Redis store, log into empty records",
                status.replayed() / seconds, "cmd/s", raw));
    }

    /**
     * The live apply path of a Redis store, not bounded by the intake: the store, detached until now, is attached and
     * its route (feed doorbell, log tail, conversion, the fenced batch script) catches up the whole log from 0, then it
     * is detached again for the replay.
     */
    private Figure live(Figure raw) throws Exception {
        StoreRegistry stores = app.getBean(StoreRegistry.class);
        PipelineControl pipeline = app.getBean(PipelineControl.class);
        CommandLog log = app.getBean(CommandLog.class);
        Store store = stores.get(STORE);
        stores.prepare(store);
        long head = log.head();
        long from = store.knownCheckpoint();
        out.printf("Redis store: live apply, its route catching up %,d commands ...%n", head - from);
        long start = System.nanoTime();
        pipeline.attach(STORE);
        long deadline = start + Duration.ofMinutes(30).toNanos();
        while (store.knownCheckpoint() < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Redis store's route is at " + store.knownCheckpoint() + " of " + head
                        + " after 30 minutes");
            }
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pipeline.detach(STORE);
        out.printf("  %,d commands in %.1f s%n", head - from, seconds);
        return Figure.against("live apply of a Redis store, its route catching up", (head - from) / seconds, "cmd/s", raw);
    }

    private double hsetsPerSecond(int records) throws Exception {
        RedisClient client = RedisClient.create("redis://" + host + ":" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            connection.setAutoFlushCommands(false);
            long start = System.nanoTime();
            List<RedisFuture<?>> pending = new ArrayList<>(PIPELINE);
            for (int i = 0; i < records; i++) {
                pending.add(redis.hset(PREFIX + "-baseline:" + i, Map.of("name", "Customer " + i,
                        "email", "c" + i + "@example.com", "city", "Springfield")));
                if (pending.size() == PIPELINE || i == records - 1) {
                    connection.flushCommands();
                    LettuceFutures.awaitAll(Duration.ofMinutes(1), pending.toArray(RedisFuture[]::new));
                    pending.clear();
                }
            }
            double perSecond = records / ((System.nanoTime() - start) / 1e9);
            connection.setAutoFlushCommands(true);
            return perSecond;
        } finally {
            client.shutdown();
        }
    }

    /** Removes what the run wrote (the baseline's records and the store's), so runs do not pile up in Redis. */
    void cleanUp() {
        RedisClient client = RedisClient.create("redis://" + host + ":" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var redis = connection.sync();
            for (String pattern : List.of(PREFIX + "-baseline:*", PREFIX + ":*")) {
                io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
                do {
                    io.lettuce.core.KeyScanCursor<String> page = redis.scan(cursor,
                            io.lettuce.core.ScanArgs.Builder.matches(pattern).limit(10_000));
                    if (!page.getKeys().isEmpty()) {
                        redis.unlink(page.getKeys().toArray(String[]::new));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
            }
        } catch (RuntimeException e) {
            out.printf("  could not clean up Redis: %s%n", e.getMessage());
        } finally {
            client.shutdown();
        }
    }
}
