package io.bizmaster.demo;

import io.bizmaster.migrate.MigrationStatus;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.replay.ReplayStatus;
import io.bizmaster.replay.StoreReplay;
import io.bizmaster.verify.Outcome;
import io.bizmaster.verify.VerificationReport;
import io.bizmaster.verify.Verifications;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What {@code demo --redis} does once the stream is applied, with a Redis read model {@code cache} as a third store
 * and a detached {@code cache2}: verifies it against legacy, rebuilds it by a replay from 0 and verifies it again, then
 * builds {@code cache2} by a migration (replay backfill) up to READY, cuts over to it and rolls back.
 */
public final class RedisDemo {

    /** The stores the demo adds, as {@code --name=value} settings. */
    public static String[] settings(String host, int port, String run) {
        return new String[] {
                "--bizmaster.stores.cache.role=shadow", "--bizmaster.stores.cache.converter=cache@1",
                "--bizmaster.stores.cache.connector=redis", "--bizmaster.stores.cache.options.host=" + host,
                "--bizmaster.stores.cache.options.port=" + port,
                "--bizmaster.stores.cache.options.key-prefix=bizmaster:" + run + ":cache",
                "--bizmaster.stores.cache2.role=detached", "--bizmaster.stores.cache2.converter=cache@1",
                "--bizmaster.stores.cache2.connector=redis", "--bizmaster.stores.cache2.options.host=" + host,
                "--bizmaster.stores.cache2.options.port=" + port,
                "--bizmaster.stores.cache2.options.key-prefix=bizmaster:" + run + ":cache2"};
    }

    private final Verifications verifications;
    private final StoreReplay replay;
    private final MigrationWorkflow migrations;
    private final PrintStream out;

    public RedisDemo(Verifications verifications, StoreReplay replay, MigrationWorkflow migrations, PrintStream out) {
        this.verifications = verifications;
        this.replay = replay;
        this.migrations = migrations;
        this.out = out;
    }

    /** Whether every step ended as it should. */
    public boolean run(Duration timeout) throws Exception {
        boolean ok = verify("the Redis read model as fed live");

        long started = System.nanoTime();
        replay.start("cache", 0, false);
        ReplayStatus replayed = await("the replay of cache from 0", timeout, () -> replay.status("cache"),
                s -> s.phase().equals("DONE") || s.phase().equals("FAILED"));
        out.printf("replay --store cache --from 0: %s, %s (%.1f s)%n", replayed.phase(), replayed.message(),
                (System.nanoTime() - started) / 1e9);
        ok &= replayed.phase().equals("DONE");
        ok &= verify("the Redis read model rebuilt from the log");

        migrations.create("id: demo-redis\nsource: legacy\ntarget: cache2\nbackfill: replay\nmax-freeze-ms: 5000\n");
        MigrationStatus ready = await("migration demo-redis READY", timeout, () -> migrations.status("demo-redis"),
                s -> s.phase().equals("READY") || s.phase().equals("FAILED"));
        out.printf("migration demo-redis legacy -> cache2 (Redis, replay backfill): %s, %s%n", ready.phase(), ready.message());
        if (!ready.phase().equals("READY")) {
            return false;
        }
        MigrationStatus cut = cutOver();
        out.printf("cutover: cache2 is the primary, freeze window %d ms (budget %d ms)%n", cut.freezeWindowMs(),
                cut.maxFreezeMs());
        MigrationStatus back = migrations.rollback("demo-redis");
        out.printf("rollback: legacy is the primary again, freeze window %d ms%n", back.freezeWindowMs());
        return ok;
    }

    private MigrationStatus cutOver() throws InterruptedException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return migrations.cutover("demo-redis");
            } catch (IllegalStateException e) {
                last = e; // a few commands past the lag limit at the moment of asking: ask again
                Thread.sleep(200);
            }
        }
        throw last;
    }

    private boolean verify(String what) throws InterruptedException {
        String id = verifications.start("legacy", "cache", null).id();
        VerificationReport report = await("verification " + id, Duration.ofMinutes(5),
                () -> verifications.get(id).orElseThrow(), r -> !"RUNNING".equals(r.state()));
        out.printf("verify legacy cache (%s): %s%n", what, report.summary());
        return report.outcome() == Outcome.EQUAL;
    }

    private static <T> T await(String what, Duration timeout, Supplier<T> read, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not end within " + timeout.toSeconds() + " s: " + last);
            }
            Thread.sleep(200);
            last = read.get();
        }
        return last;
    }
}
