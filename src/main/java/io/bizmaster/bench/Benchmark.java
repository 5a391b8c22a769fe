package io.bizmaster.bench;

import io.bizmaster.BizMasterApplication;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.verify.VerifyBenchmark;
import jakarta.jms.ConnectionFactory;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark behind the {@code bench} verb: starts BizMaster on the chosen engines in a fresh folder,
 * measures the baselines (raw broker, raw upserts and scans of each store) and then the live path (commands
 * from the queue to every store committed, exactly-once as in production), and reports each figure against
 * the baseline that bounds it.
 */
public final class Benchmark {

    /** How big a run is. */
    public record Size(int brokerMessages, int upsertRows, int liveCommands, int latencySeconds, int verifyRows) {
        public static final Size QUICK = new Size(20_000, 50_000, 20_000, 8, 50_000);
        public static final Size FULL = new Size(100_000, 500_000, 1_000_000, 30, 1_000_000);

        public Size withLiveCommands(int commands) {
            return new Size(brokerMessages, upsertRows, commands, latencySeconds, verifyRows);
        }
    }

    /**
     * @param stores        engines of the legacy and the modern store: h2, postgres or mariadb
     * @param postgresAdmin JDBC URL of a PostgreSQL database where fresh schemas may be created
     * @param mariadbAdmin  JDBC URL of a MariaDB server where fresh databases may be created
     */
    /** @param home BizMaster's folder (bizmaster.home) the measured application runs from; null: the current folder */
    public record Options(List<String> stores, Size size, String postgresAdmin, String mariadbAdmin, Double latencyRate,
                          Path latencyCsv, String redisHost, int redisPort, Path home) {
        public Options(List<String> stores, Size size, String postgresAdmin, String mariadbAdmin) {
            this(stores, size, postgresAdmin, mariadbAdmin, null, null, null, 0, null);
        }

        /** Whether the run measures a Redis store too ({@code --redis}). */
        public boolean redis() {
            return redisHost != null;
        }
    }

    private static final int CHUNK = 20_000;
    /** Nothing logged or applied for this long ends the run with where it stopped, instead of waiting for ever. */
    private static final long STALL_NANOS = 120_000_000_000L;

    private final Options options;
    private final PrintStream out;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    /** Heap after GC before and after the live run, and the highest sampled during it. */
    private long[] heap = new long[3];
    /** What the run created in the database servers: the admin URL and the statement that drops it. */
    private final List<String[]> created = new ArrayList<>();

    public Benchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public List<Figure> run() throws Exception {
        Path data = Files.createTempDirectory("bizmaster-bench");
        try {
            return measure(data);
        } finally {
            cleanUp(data);
        }
    }

    /**
     * Drops the schemas and databases the run created and deletes its folder: a full run leaves a few GB in
     * the servers, and the next run's PostgreSQL checkpoints and MariaDB flushing would pay for them.
     */
    private void cleanUp(Path data) {
        for (String[] created : this.created) {
            try {
                execute(created[0], created[1]);
            } catch (Exception e) {
                out.printf("  could not drop what the run created (%s): %s%n", created[1], e.getMessage());
            }
        }
        try (java.util.stream.Stream<Path> files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            out.printf("  could not delete %s: %s%n", data, e.getMessage());
        }
    }

    private List<Figure> measure(Path data) throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (ConfigurableApplicationContext app = start(data)) {
            if (options.latencyRate() != null) {
                return latencyOnly(app, options.latencyRate());
            }
            StoreRegistry stores = app.getBean(StoreRegistry.class);
            int messageSize = averageSize();
            out.printf("Baselines: raw broker (%,d messages of %d bytes) ...%n", options.size().brokerMessages(), messageSize);
            Figure broker = Figure.baseline("raw broker send+receive, persistent",
                    Baselines.brokerMessagesPerSecond(app.getBean(ConnectionFactory.class), options.size().brokerMessages(),
                            messageSize), "msg/s");
            figures.add(broker);
            Figure slowestUpsert = null;
            Map<String, Figure> upserts = new LinkedHashMap<>();
            for (String store : List.of("legacy", "modern")) {
                String engine = stores.get(store).dialect().name().toLowerCase(Locale.ROOT);
                out.printf("Baselines: %s store (%s): %,d batched upserts, then a full scan ...%n", store, engine,
                        options.size().upsertRows());
                Figure upsert = Figure.baseline("raw batched upsert, " + store + " (" + engine + ")",
                        Baselines.upsertRowsPerSecond(stores.get(store).dataSource(), options.size().upsertRows()), "rows/s");
                figures.add(upsert);
                upserts.put(store, upsert);
                figures.add(Figure.baseline("raw ordered full scan, " + store + " (" + engine + ")",
                        Baselines.scanRowsPerSecond(stores.get(store).dataSource()), "rows/s"));
                if (slowestUpsert == null || upsert.value() < slowestUpsert.value()) {
                    slowestUpsert = upsert;
                }
            }
            Figure bound = broker.value() <= slowestUpsert.value() ? broker : slowestUpsert;
            warmUpAndSettle(app, bound);
            out.printf("Live path: %,d commands through the queue, the log and both stores ...%n",
                    options.size().liveCommands());
            Figure live = livePath(app, bound, options.size().liveCommands(), "bench");
            figures.add(live);
            settle(app);
            figures.addAll(latency(app, live.value() / 2));
            figures.addAll(new BackfillBench(app, out).run(upserts.get("modern")));
            figures.addAll(new HandOverBench(out).run(options.size().upsertRows()));
            if (options.redis()) {
                RedisBench redis = new RedisBench(app, out, options.redisHost(), options.redisPort());
                try {
                    figures.addAll(redis.run(options.size().upsertRows()));
                } finally {
                    redis.cleanUp();
                }
            }
        }
        if (options.stores().contains("postgres") && options.stores().contains("mariadb")) {
            figures.addAll(verification());
        }
        return figures;
    }

    /** Untimed, as JVM benchmarks do: for the first minute the JIT compilers take most of a core of two. */
    private void warmUpAndSettle(ConfigurableApplicationContext app, Figure bound) throws Exception {
        int warmUp = Math.max(options.size().liveCommands() / 10, 5_000);
        out.printf("Warm-up: %,d commands through the live path, not timed ...%n", warmUp);
        livePath(app, bound, warmUp, "bench-warm-up");
        settle(app);
    }

    /** Lets the databases finish what the previous run left them (a PostgreSQL checkpoint) before the next. */
    private void settle(ConfigurableApplicationContext app) throws Exception {
        List<javax.sql.DataSource> databases = new ArrayList<>(List.of(app.getBean(javax.sql.DataSource.class)));
        app.getBean(StoreRegistry.class).all().stream().filter(s -> s.relational()).forEach(s -> databases.add(s.dataSource()));
        new Settle(out).settle(databases);
    }

    /** The latency at an operator's own rate, after the same warm-up: what p99 to expect at production load. */
    private List<Figure> latencyOnly(ConfigurableApplicationContext app, double rate) throws Exception {
        warmUpAndSettle(app, Figure.baseline("none", Double.NaN, "cmd/s"));
        // The heap figures belong to the maximum-rate run, which this does not make.
        return latency(app, rate).stream().filter(f -> !f.unit().equals("MB")).toList();
    }

    /** Two tables of the same rows, PostgreSQL against MariaDB: verification against plain ordered scans. */
    private List<Figure> verification() throws Exception {
        VerifyBenchmark.Result result = new VerifyBenchmark(out).run(postgresSchema("verify"), mariadbDatabase("verify"),
                options.size().verifyRows());
        Figure scan = Figure.baseline(String.format("raw ordered scan of both %,d-row tables", result.rows()),
                result.scanRowsPerSecond(), "rows/s");
        return List.of(scan,
                Figure.against("verification postgres -> mariadb (" + result.outcome() + ")", result.verifyRowsPerSecond(),
                        "rows/s", scan),
                new Figure("highest heap sampled, verification / scans", result.verifyPeakHeapMb(), "MB",
                        "scans: " + result.scanPeakHeapMb() + " MB", result.scanPeakHeapMb(),
                        (double) result.verifyPeakHeapMb() / Math.max(result.scanPeakHeapMb(), 1)));
    }

    private Figure livePath(ConfigurableApplicationContext app, Figure bound, int total, String keyPrefix) throws Exception {
        CommandPoster poster = app.getBean(CommandPoster.class);
        CommandLog log = app.getBean(CommandLog.class);
        long headBefore = log.head();
        long heapBefore = heapAfterGc();
        AtomicLong heapMax = new AtomicLong();
        // The load must outrun BizMaster: chunks are generated ahead by one thread and posted by two. Each
        // chunk has keys of its own, so posting two at once keeps every key's commands in order.
        java.util.concurrent.BlockingQueue<List<OutgoingCommand>> ready = new java.util.concurrent.ArrayBlockingQueue<>(4);
        int chunks = (total + CHUNK - 1) / CHUNK;
        Thread generator = new Thread(() -> {
            try {
                for (int chunk = 0; chunk < chunks; chunk++) {
                    int size = Math.min(CHUNK, total - chunk * CHUNK);
                    ready.put(commands(DemoStream.generate(size, Math.max(size / 10, 10), chunk, keyPrefix + chunk).messages()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-generator");
        generator.start();
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Exception> sendFailure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            Thread producer = new Thread(() -> {
                try {
                    while (taken.getAndIncrement() < chunks && sendFailure.get() == null) {
                        poster.post(ready.take()); // a post the broker does not answer is posted again by the poster
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    sendFailure.compareAndSet(null, e);
                }
            }, "bench-producer-" + p);
            producer.start();
            producers.add(producer);
        }
        long start = System.nanoTime();
        long target = headBefore + total;
        long lastReport = System.nanoTime();
        long lastMove = System.nanoTime();
        long lastSeen = -1;
        // The checkpoints the stores last committed, kept in memory: polling the stores' tables every 20 ms
        // would load what is being measured.
        List<io.bizmaster.store.Store> stores = app.getBean(StoreRegistry.class).all().stream()
                .filter(s -> s.role() != io.bizmaster.store.StoreRole.DETACHED).toList();
        while (true) {
            if (stores.stream().allMatch(s -> s.knownCheckpoint() >= target)) {
                break;
            }
            long progress = log.head() + stores.stream().mapToLong(io.bizmaster.store.Store::knownCheckpoint).sum();
            if (progress != lastSeen) {
                lastSeen = progress;
                lastMove = System.nanoTime();
            }
            Exception failed = sendFailure.get();
            if (failed != null || System.nanoTime() - lastMove > STALL_NANOS) {
                if (failed == null) {
                    // What every thread waits on: what names the cause of a stall the next time one happens.
                    for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean()
                            .dumpAllThreads(true, true)) {
                        out.print(t);
                    }
                }
                generator.interrupt();
                producers.forEach(Thread::interrupt);
                String where = String.format("%,d of %,d logged; %s", log.head() - headBefore, total, stores.stream()
                        .map(s -> s.name() + " at " + String.format("%,d", s.knownCheckpoint() - headBefore)).toList());
                throw new IllegalStateException(failed != null
                        ? "the live-path load could not be sent (" + failed.getMessage() + "): " + where
                        : "the live path stalled: nothing logged or applied for " + STALL_NANOS / 1_000_000_000L + " s: "
                        + where, failed);
            }
            heapMax.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                out.printf("  %,d logged; %s; heap %,d MB%n", log.head() - headBefore, stores.stream()
                        .map(s -> s.name() + " " + String.format("%,d", s.knownCheckpoint() - headBefore)).toList(),
                        memory.getHeapMemoryUsage().getUsed() >> 20);
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread producer : producers) {
            producer.join();
        }
        long heapAfter = heapAfterGc();
        out.printf("  heap after GC: %,d MB before, %,d MB after; highest sampled %,d MB%n", heapBefore >> 20,
                heapAfter >> 20, heapMax.get() >> 20);
        heap = new long[] {heapBefore, heapAfter, heapMax.get()};
        return Figure.against("live path, queue to both stores committed", total / seconds, "cmd/s", bound);
    }

    private List<Figure> latency(ConfigurableApplicationContext app, double rate) throws Exception {
        LatencyProbe probe = app.getBean(LatencyProbe.class);
        CommandPoster poster = app.getBean(CommandPoster.class);
        int seconds = options.size().latencySeconds();
        int total = (int) (rate * seconds);
        out.printf("Latency: %,.0f commands/s for %d s ...%n", rate, seconds);
        DemoStream stream = DemoStream.generate(total, Math.max(total / 10, 10), 99, "latency");
        List<OutgoingCommand> commands = commands(stream.messages());
        io.bizmaster.verify.InlineVerifier inline = app.getBean(io.bizmaster.verify.InlineVerifier.class);
        List<io.bizmaster.verify.InlineStatus.Pair> inlineBefore = inline.status().pairs();
        LatencyProbe.Run run = probe.arm(List.of("legacy", "modern"), commands.stream().map(OutgoingCommand::id).toList());
        long[] sentAt = new long[commands.size()];
        // Untimed seconds at the same rate first: the batches, and so the compiled code, differ from the
        // warm-up's flood; and the lead-in lets the collection below settle.
        int leadInSeconds = Math.min(10, seconds);
        List<OutgoingCommand> leadIn = commands(DemoStream.generate((int) (rate * leadInSeconds),
                Math.max((int) (rate * leadInSeconds) / 10, 10), 98, "latency-lead-in").messages());
        // The run's own data (the commands, the probe's arrays) is made now; a collection before the clock starts
        // moves it out of the young generation, which would otherwise copy it again and again during the run.
        System.gc();
        sendAtRate(poster, leadIn, rate, null, null);
        sendAtRate(poster, commands, rate, sentAt, run);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((run.committed(0) < stream.valid() || run.committed(1) < stream.valid()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        probe.disarm();
        List<Double> endToEnd = new ArrayList<>();
        List<Double> toLog = new ArrayList<>();
        Map<String, List<Double>> toStore = new LinkedHashMap<>();
        for (int i = 0; i < sentAt.length; i++) {
            long a = run.committedAt(0, i);
            long b = run.committedAt(1, i);
            long logged = run.receivedAt(i);
            if (sentAt[i] != 0 && a != 0 && b != 0) {
                endToEnd.add((Math.max(a, b) - sentAt[i]) / 1e3);
                if (logged != 0) {
                    toLog.add((logged - sentAt[i]) / 1e3);
                    toStore.computeIfAbsent("legacy", s -> new ArrayList<>()).add((a - logged) / 1e3);
                    toStore.computeIfAbsent("modern", s -> new ArrayList<>()).add((b - logged) / 1e3);
                }
            }
        }
        if (options.latencyCsv() != null) {
            writeCsv(options.latencyCsv(), commands, sentAt, run);
        }
        double[] sorted = sorted(endToEnd);
        out.println("  inline verification during the run: " + inlineCounts(inlineBefore, inline.status().pairs()));
        out.println("  p99 per 5 s of sending (ms): " + windows(sentAt, run));
        out.printf("  %,d commands timed; where the time goes (p50 / p99 ms): send to logged %.1f / %.1f, %s%n",
                sorted.length, percentile(sorted(toLog), 50), percentile(sorted(toLog), 99),
                String.join(", ", toStore.entrySet().stream().map(e -> String.format("logged to %s committed %.1f / %.1f",
                        e.getKey(), percentile(sorted(e.getValue()), 50), percentile(sorted(e.getValue()), 99))).toList()));
        List<Figure> figures = new ArrayList<>(List.of(
                new Figure("p50 latency, send to both stores committed", percentile(sorted, 50), "ms", "", Double.NaN, Double.NaN),
                new Figure("p99 latency, send to both stores committed", percentile(sorted, 99), "ms", "", Double.NaN, Double.NaN),
                new Figure("p99 of that: send to logged", percentile(sorted(toLog), 99), "ms", "", Double.NaN, Double.NaN)));
        toStore.forEach((store, values) -> figures.add(new Figure("p99 of that: logged to " + store + " committed",
                percentile(sorted(values), 99), "ms", "", Double.NaN, Double.NaN)));
        figures.addAll(List.of(
                new Figure("heap after GC before the live run", heap[0] >> 20, "MB", "", Double.NaN, Double.NaN),
                new Figure("heap after GC after the live run", heap[1] >> 20, "MB", "", Double.NaN, Double.NaN),
                new Figure("highest heap sampled during the live run", heap[2] >> 20, "MB", "", Double.NaN, Double.NaN)));
        return figures;
    }

    /** Posts the commands at a steady rate, every 10 ms the ones due; notes when each timed one was sent. */
    private static void sendAtRate(CommandPoster poster, List<OutgoingCommand> commands, double rate, long[] sentAt,
                                   LatencyProbe.Run run) throws Exception {
        long start = System.nanoTime();
        int tickMillis = 10;
        int sent = 0;
        for (int tick = 1; sent < commands.size(); tick++) {
            int due = (int) Math.min(commands.size(), Math.round(rate * tick * tickMillis / 1000.0));
            if (due > sent) {
                if (sentAt != null) {
                    long now = Micros.now();
                    for (int i = sent; i < due; i++) {
                        int timed = run.indexOf(commands.get(i).id());
                        if (timed >= 0 && sentAt[timed] == 0) {
                            sentAt[timed] = now;
                        }
                    }
                }
                poster.post(commands.subList(sent, due));
                sent = due;
            }
            long wake = start + tick * tickMillis * 1_000_000L;
            long sleep = wake - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
    }

    /** Each timed command's epoch microseconds: sent, received by the intake, committed by each store. */
    private void writeCsv(Path file, List<OutgoingCommand> commands, long[] sentAt, LatencyProbe.Run run)
            throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        lines.add("command_id,sent_us,logged_us," + String.join(",", run.stores().stream().map(s -> s + "_committed_us").toList()));
        for (int i = 0; i < sentAt.length; i++) {
            if (sentAt[i] != 0) {
                StringBuilder line = new StringBuilder(commands.get(i).id()).append(',').append(sentAt[i]).append(',')
                        .append(run.receivedAt(i));
                for (int s = 0; s < run.stores().size(); s++) {
                    line.append(',').append(run.committedAt(s, i));
                }
                lines.add(line.toString());
            }
        }
        Files.write(file, lines);
        out.println("  each command's times: " + file);
    }

    /** What the inline verifier did between two of its status readings, per pair. */
    private static String inlineCounts(List<io.bizmaster.verify.InlineStatus.Pair> before,
                                       List<io.bizmaster.verify.InlineStatus.Pair> after) {
        List<String> lines = new ArrayList<>();
        for (io.bizmaster.verify.InlineStatus.Pair a : after) {
            io.bizmaster.verify.InlineStatus.Pair b = before.stream()
                    .filter(p -> p.primary().equals(a.primary()) && p.shadow().equals(a.shadow())).findFirst()
                    .orElse(new io.bizmaster.verify.InlineStatus.Pair(a.primary(), a.shadow(), null, 0, 0, 0, 0, 0, 0));
            lines.add(String.format("%s>%s compared %,d, deferred %,d, unsettled %,d, dropped %,d, mismatches %,d",
                    a.primary(), a.shadow(), a.compared() - b.compared(), a.deferred() - b.deferred(),
                    a.unsettled() - b.unsettled(), a.dropped() - b.dropped(), a.mismatches() - b.mismatches()));
        }
        return lines.isEmpty() ? "off" : String.join("; ", lines);
    }

    /** The p99 of each 5-second window of the run, by send time: shows whether the tail is spread or bunched. */
    private static String windows(long[] sentAt, LatencyProbe.Run run) {
        long first = java.util.Arrays.stream(sentAt).filter(t -> t != 0).min().orElse(0);
        Map<Long, List<Double>> byWindow = new java.util.TreeMap<>();
        for (int i = 0; i < sentAt.length; i++) {
            long a = run.committedAt(0, i);
            long b = run.committedAt(1, i);
            if (sentAt[i] != 0 && a != 0 && b != 0) {
                byWindow.computeIfAbsent((sentAt[i] - first) / 5_000_000L, w -> new ArrayList<>())
                        .add((Math.max(a, b) - sentAt[i]) / 1e3);
            }
        }
        return String.join(", ", byWindow.values().stream()
                .map(values -> String.format("%.0f", percentile(sorted(values), 99))).toList());
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private long heapAfterGc() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static List<OutgoingCommand> commands(List<byte[]> messages) {
        return messages.stream().map(m -> CommandSplitter.split(m).get(0)).toList();
    }

    private static int averageSize() {
        List<byte[]> sample = DemoStream.generate(1000, 100, 1, "size").messages();
        return (int) sample.stream().mapToInt(m -> m.length).filter(n -> n < 10_000).average().orElse(300);
    }

    private ConfigurableApplicationContext start(Path data) throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bizmaster.bench.enabled", true);
        if (options.home() != null) {
            settings.put("bizmaster.home", options.home());
        }
        settings.put("bizmaster.broker.data-dir", data.resolve("artemis"));
        settings.put("bizmaster.broker.port", freePort());
        settings.put("bizmaster.broker.in-vm-id", ThreadLocalRandom.current().nextInt(1000, 1_000_000));
        settings.put("server.port", 0);
        settings.put("logging.level.io.bizmaster", "WARN");
        settings.put("logging.level.io.bizmaster.intake.CommandIntake", "ERROR");
        List<String> engines = options.stores();
        boolean postgres = engines.contains("postgres");
        settings.put("spring.datasource.url", postgres ? postgresSchema("log") : h2(data, "bizmaster"));
        settings.put("spring.datasource.username", postgres ? "" : "sa");
        String[] names = {"legacy", "modern"};
        for (int i = 0; i < 2; i++) {
            String engine = engines.get(Math.min(i, engines.size() - 1));
            String url = switch (engine) {
                case "h2" -> h2(data, "stores/" + names[i]);
                case "postgres" -> postgresSchema(names[i]);
                case "mariadb" -> mariadbDatabase(names[i]);
                default -> throw new IllegalArgumentException("unknown engine '" + engine + "': use h2, postgres or mariadb");
            };
            settings.put("bizmaster.stores." + names[i] + ".options.url", url);
            settings.put("bizmaster.stores." + names[i] + ".options.username", engine.equals("h2") ? "sa" : "");
        }
        // Empty stores for the backfill figures, on the modern store's engine; the migrations attach them.
        String targetEngine = engines.get(Math.min(1, engines.size() - 1));
        for (String target : BackfillBench.TARGETS) {
            settings.put("bizmaster.stores." + target + ".role", "detached");
            settings.put("bizmaster.stores." + target + ".converter", "modern@1");
            settings.put("bizmaster.stores." + target + ".connector", "jdbc");
            settings.put("bizmaster.stores." + target + ".options.url", switch (targetEngine) {
                case "postgres" -> postgresSchema(target);
                case "mariadb" -> mariadbDatabase(target);
                default -> h2(data, "stores/" + target);
            });
            settings.put("bizmaster.stores." + target + ".options.username", targetEngine.equals("h2") ? "sa" : "");
        }
        if (options.redis()) {
            settings.putAll(RedisBench.storeSettings(options.redisHost(), options.redisPort()));
        }
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        out.println("Engines: command log on " + (postgres ? "postgres" : "h2") + ", legacy on " + engines.get(0)
                + ", modern on " + engines.get(Math.min(1, engines.size() - 1)) + "; data in " + data);
        return new SpringApplicationBuilder(BizMasterApplication.class).run(args);
    }

    private static String h2(Path data, String name) {
        return "jdbc:h2:file:" + data.resolve(name) + ";WRITE_DELAY=0";
    }

    private String postgresSchema(String purpose) throws Exception {
        String schema = "bench_" + purpose + "_" + Long.toString(System.currentTimeMillis(), 36);
        execute(options.postgresAdmin(), "CREATE SCHEMA " + schema);
        created.add(new String[] {options.postgresAdmin(), "DROP SCHEMA " + schema + " CASCADE"});
        return options.postgresAdmin() + (options.postgresAdmin().contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&reWriteBatchedInserts=true";
    }

    private String mariadbDatabase(String purpose) throws Exception {
        String database = "bench_" + purpose + "_" + Long.toString(System.currentTimeMillis(), 36);
        execute(options.mariadbAdmin(), "CREATE DATABASE " + database);
        created.add(new String[] {options.mariadbAdmin(), "DROP DATABASE " + database});
        String admin = options.mariadbAdmin();
        int slash = admin.indexOf('/', "jdbc:mariadb://".length());
        int query = admin.indexOf('?');
        return admin.substring(0, slash + 1) + database + (query < 0 ? "?" : admin.substring(query) + "&")
                + "useBulkStmts=true";
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The table a person reads: every figure, its baseline and the ratio. */
    public static String table(List<Figure> figures) {
        StringBuilder text = new StringBuilder(String.format("%-48s %14s %-7s %8s  %s%n", "figure", "value", "unit",
                "ratio", "baseline"));
        for (Figure f : figures) {
            text.append(String.format(Locale.ROOT, "%-48s %,14.1f %-7s %8s  %s%n", f.name(), f.value(), f.unit(),
                    Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()), f.baseline()));
        }
        return text.toString();
    }
}
