package io.bizmaster.demo;

import io.bizmaster.migrate.MigrationStatus;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.replay.ReplayStatus;
import io.bizmaster.replay.StoreReplay;
import io.bizmaster.verify.VerificationReport;
import io.bizmaster.verify.Verifications;
import java.io.PrintStream;
import java.time.Duration;

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

    private final StoreReplay replay;
    private final MigrationWorkflow migrations;
    private final DemoSteps steps;
    private final PrintStream out;
    private final String migration;

    /** @param run this demo run's name: the migration's id is made of it, so a second run does not meet the first's */
    public RedisDemo(Verifications verifications, StoreReplay replay, MigrationWorkflow migrations, PrintStream out,
                     String run) {
        this.replay = replay;
        this.migrations = migrations;
        this.steps = new DemoSteps(verifications, migrations);
        this.out = out;
        this.migration = run + "-redis";
    }

    /** Whether every step ended as it should. */
    public boolean run(Duration timeout) throws Exception {
        boolean ok = verify("the Redis read model as fed live");

        long started = System.nanoTime();
        replay.start("cache", 0, false);
        ReplayStatus replayed = DemoSteps.await("the replay of cache from 0", timeout, () -> replay.status("cache"),
                s -> s.phase().equals("DONE") || s.phase().equals("FAILED"));
        out.printf("replay --store cache --from 0: %s, %s (%.1f s)%n", replayed.phase(), replayed.message(),
                (System.nanoTime() - started) / 1e9);
        ok &= replayed.phase().equals("DONE");
        ok &= verify("the Redis read model rebuilt from the log");

        migrations.create("id: " + migration + "\nsource: legacy\ntarget: cache2\nbackfill: replay\nmax-freeze-ms: 5000\n");
        MigrationStatus ready = DemoSteps.await("migration " + migration + " READY", timeout,
                () -> migrations.status(migration), s -> s.phase().equals("READY") || s.phase().equals("FAILED"));
        out.printf("migration %s legacy -> cache2 (Redis, replay backfill): %s, %s%n", migration, ready.phase(),
                ready.message());
        if (!ready.phase().equals("READY")) {
            return false;
        }
        MigrationStatus cut = steps.cutOver(migration);
        out.printf("cutover: cache2 is the primary, freeze window %d ms (budget %d ms)%n", cut.freezeWindowMs(),
                cut.maxFreezeMs());
        MigrationStatus back = migrations.rollback(migration);
        out.printf("rollback: legacy is the primary again, freeze window %d ms%n", back.freezeWindowMs());
        migrations.cancel(migration);
        return ok;
    }

    private boolean verify(String what) throws InterruptedException {
        VerificationReport report = steps.verify("legacy", "cache");
        out.printf("verify legacy cache (%s): %s%n", what, report.summary());
        return DemoSteps.equal(report);
    }
}
