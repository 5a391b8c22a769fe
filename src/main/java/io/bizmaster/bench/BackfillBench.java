package io.bizmaster.bench;

import io.bizmaster.demo.DemoMigrations;
import io.bizmaster.migrate.MigrationStatus;
import io.bizmaster.migrate.MigrationWorkflow;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two backfills of a migration, each into an empty store on the modern store's engine, timed from
 * {@code create} to the end of the backfill phase: replay (every logged command through the converter) and
 * snapshot (the legacy store's rows through the row mapping). Both are bounded by the target's writes.
 */
final class BackfillBench {

    static final List<String> TARGETS = List.of("replayed", "snapshotted");

    private static final String REPLAY = """
            id: bench-replay
            source: modern
            target: replayed
            backfill: replay
            chunk: 5000
            throttle-lag: 1000000000
            max-cutover-lag: 1000000000
            """;

    private static final String SNAPSHOT = """
            id: bench-snapshot
            source: legacy
            target: snapshotted
            backfill: snapshot
            chunk: 5000
            throttle-lag: 1000000000
            max-cutover-lag: 1000000000
            """ + DemoMigrations.LEGACY_TO_MODERN_MAPPING;

    private static final Set<String> BACKFILL_PHASES = Set.of("CREATED", "BACKFILLING");

    private final MigrationWorkflow workflow;
    private final PrintStream out;

    BackfillBench(ConfigurableApplicationContext app, PrintStream out) {
        this.workflow = app.getBean(MigrationWorkflow.class);
        this.out = out;
    }

    List<Figure> run(Figure targetUpserts) throws Exception {
        out.println("Backfill: replay of the whole log into an empty store ...");
        Timed replay = time(REPLAY);
        out.printf("  %,d commands in %.1f s%n", replay.status().captureSeq(), replay.seconds());
        out.println("Backfill: snapshot of the legacy store's rows into an empty store ...");
        Timed snapshot = time(SNAPSHOT);
        out.printf("  %,d rows as of seq %,d in %.1f s%n", snapshot.status().backfilled(), snapshot.status().captureSeq(),
                snapshot.seconds());
        return List.of(
                Figure.against("replay backfill, log into an empty store", replay.status().captureSeq() / replay.seconds(),
                        "cmd/s", targetUpserts),
                Figure.against("snapshot backfill, rows into an empty store",
                        snapshot.status().backfilled() / snapshot.seconds(), "rows/s", targetUpserts));
    }

    private record Timed(MigrationStatus status, double seconds) {
    }

    private Timed time(String definition) throws Exception {
        long start = System.nanoTime();
        MigrationStatus status = workflow.create(definition);
        String id = status.id();
        long deadline = start + 30L * 60 * 1_000_000_000L;
        while (BACKFILL_PHASES.contains(status.phase())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("migration " + id + " still backfilling after 30 minutes: " + status.message());
            }
            Thread.sleep(20);
            status = workflow.status(id);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status.phase().equals("CANCELLED") || status.captureSeq() == null) {
            throw new IllegalStateException("migration " + id + " did not backfill: " + status.phase() + ", " + status.message());
        }
        // Stops its feed: the next figures must not pay for a third store.
        workflow.cancel(id);
        return new Timed(status, seconds);
    }
}
