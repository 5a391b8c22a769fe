package io.bizmaster.demo;

import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.migrate.MigrationEvent;
import io.bizmaster.migrate.MigrationStatus;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.verify.VerificationReport;
import io.bizmaster.verify.Verifications;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The demo's second act, seed scenario 3: while commands keep coming, a new store {@code modern2} (the modern schema
 * with converter modern@2, which lower-cases e-mail addresses) is built by a migration: backfilled from the log, caught
 * up, verified against {@code legacy}, and cut over to in a freeze at the broker; verified again once the load has
 * passed, then rolled back and let go, so the demo leaves the stores as it found them and can run again.
 */
public final class DemoMigration {

    /** A load the cut-over happens under, gentle enough for any machine: this many commands a second. */
    private static final int LOAD_PER_SECOND = 200;

    /** The store the demo migrates to, as {@code --name=value} settings: the one examples/modern2-store.yaml declares. */
    public static String[] settings() {
        return new String[] {"--bizmaster.stores.modern2.role=detached", "--bizmaster.stores.modern2.converter=modern@2",
                "--bizmaster.stores.modern2.connector=jdbc",
                "--bizmaster.stores.modern2.options.url=jdbc:h2:file:./data/stores/modern2;WRITE_DELAY=0",
                "--bizmaster.stores.modern2.options.username=sa"};
    }

    private final MigrationWorkflow migrations;
    private final CommandPoster poster;
    private final LongSupplier logHead;
    private final DemoSteps steps;
    private final PrintStream out;

    public DemoMigration(MigrationWorkflow migrations, Verifications verifications, CommandPoster poster,
                         LongSupplier logHead, PrintStream out) {
        this.migrations = migrations;
        this.poster = poster;
        this.logHead = logHead;
        this.steps = new DemoSteps(verifications, migrations);
        this.out = out;
    }

    /** Whether every step ended as it should; {@code load} is posted, a slice at a time, while the migration runs. */
    public boolean run(String id, DemoStream load, Duration timeout) throws Exception {
        out.printf("Migration %s: legacy -> modern2 (modern schema, converter modern@2: e-mail addresses lower-cased), "
                + "replay backfill, while %,d more commands arrive at %d/s%n", id, load.messages().size(), LOAD_PER_SECOND);
        migrations.create("id: " + id + "\nsource: legacy\ntarget: modern2\nconverter: modern@2\nbackfill: replay\n"
                + "max-freeze-ms: 5000\nmax-cutover-lag: 1000\nchunk: 2000\n");
        Load running = new Load(load);
        Thread sender = new Thread(running, "demo-load");
        sender.setDaemon(true);
        sender.start();
        try {
            MigrationStatus ready = follow(id, timeout);
            out.printf("  %s: %s%n", ready.phase(), ready.verification());
            if (!ready.phase().equals("READY")) {
                out.printf("  %s%n", ready.message());
                return false;
            }
            MigrationStatus cut = steps.cutOver(id);
            out.printf("cutover under load (%,d commands sent so far): modern2 is the primary, freeze window %,d ms "
                    + "(budget %,d ms)%n  %s%n", running.sent.get(), cut.freezeWindowMs(), cut.maxFreezeMs(), cut.message());
        } finally {
            running.stop.set(true);
            sender.join(Duration.ofMinutes(1).toMillis());
        }
        long head = logHead.getAsLong();
        MigrationStatus after = DemoSteps.await("modern2 and legacy at the head", timeout, () -> migrations.status(id),
                s -> s.targetLag() == 0 && s.primaryLag() == 0 && s.logHead() >= head);
        VerificationReport verified = steps.verify("modern2", "legacy");
        out.printf("verify modern2 legacy, after the load (log head %,d): %s%n", after.logHead(), verified.summary());
        MigrationStatus back = migrations.rollback(id);
        out.printf("rollback: legacy is the primary again, freeze window %,d ms%n", back.freezeWindowMs());
        MigrationStatus cancelled = migrations.cancel(id);
        out.printf("cancel: modern2 detached again, as the demo found it (%s)%n", cancelled.phase());
        out.printf("  timeline: %s%n", timeline(cancelled.timeline()));
        return DemoSteps.equal(verified);
    }

    /** Each phase as the migration enters it, with the backfill's progress, until READY (or it fails). */
    private MigrationStatus follow(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String shown = "";
        while (true) {
            MigrationStatus s = migrations.status(id);
            String line = switch (s.phase()) {
                case "BACKFILLING" -> String.format("  BACKFILLING: %.0f%% (%,d of %,d commands replayed into modern2)",
                        s.progressPercent(), s.backfilled(), s.backfillTotal() == null ? 0 : s.backfillTotal());
                case "CATCHING_UP" -> String.format("  CATCHING_UP: modern2 %,d behind the log head", s.targetLag());
                case "SHADOWING" -> "  SHADOWING: fed live like legacy; a full verification decides READY";
                default -> "";
            };
            if (!line.isEmpty() && !line.equals(shown)) {
                out.println(line);
                shown = line;
            }
            if (s.phase().equals("READY") || s.phase().equals("FAILED") || System.nanoTime() > deadline
                    || (s.verification() != null && s.verification().startsWith("failed"))) {
                return s;
            }
            Thread.sleep(100);
        }
    }

    private static String timeline(List<MigrationEvent> events) {
        StringBuilder text = new StringBuilder();
        for (MigrationEvent e : events) {
            text.append(text.isEmpty() ? "" : " -> ").append(e.phase());
            if (e.freezeWindowMs() != null) {
                text.append(" (freeze ").append(e.freezeWindowMs()).append(" ms)");
            }
        }
        return text.toString();
    }

    /** The live load: the stream posted in slices, {@value #LOAD_PER_SECOND} commands a second, until told to stop. */
    private final class Load implements Runnable {
        private final List<OutgoingCommand> commands;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger sent = new AtomicInteger();

        Load(DemoStream stream) {
            this.commands = stream.messages().stream().map(CommandSplitter::split).flatMap(List::stream).toList();
        }

        @Override
        public void run() {
            int slice = LOAD_PER_SECOND / 10;
            long next = System.nanoTime();
            try {
                for (int i = 0; i < commands.size() && !stop.get(); i += slice) {
                    sent.addAndGet(poster.post(commands.subList(i, Math.min(i + slice, commands.size()))));
                    next += 100_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (Exception e) {
                out.printf("  the load stopped: %s%n", e.getMessage());
            }
        }
    }
}
