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
    public record Options(List<String> stores, Size size, String postgresAdmin, String mariadbAdmin) {
    }

    private static final int CHUNK = 20_000;

    private final Options options;
    private final PrintStream out;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    /** Heap after GC before and after the live run, and the highest sampled during it. */
    private long[] heap = new long[3];

    public Benchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public List<Figure> run() throws Exception {
        Path data = Files.createTempDirectory("bizmaster-bench");
        List<Figure> figures = new ArrayList<>();
        try (ConfigurableApplicationContext app = start(data)) {
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
            List<javax.sql.DataSource> databases = new ArrayList<>(List.of(app.getBean(javax.sql.DataSource.class)));
            stores.all().forEach(s -> databases.add(s.dataSource()));
            Settle settle = new Settle(out);
            // Untimed, as JVM benchmarks do: for the first minute the JIT compilers take most of a core of two.
            int warmUp = Math.max(options.size().liveCommands() / 10, 5_000);
            out.printf("Warm-up: %,d commands through the live path, not timed ...%n", warmUp);
            livePath(app, bound, warmUp, "bench-warm-up");
            settle.settle(databases);
            out.printf("Live path: %,d commands through the queue, the log and both stores ...%n",
                    options.size().liveCommands());
            Figure live = livePath(app, bound, options.size().liveCommands(), "bench");
            figures.add(live);
            settle.settle(databases);
            figures.addAll(latency(app, live.value() / 2));
            figures.addAll(new BackfillBench(app, out).run(upserts.get("modern")));
        }
        if (options.stores().contains("postgres") && options.stores().contains("mariadb")) {
            figures.addAll(verification());
        }
        return figures;
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
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            Thread producer = new Thread(() -> {
                try {
                    while (taken.getAndIncrement() < chunks) {
                        poster.post(ready.take());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("posting the live-path commands failed: " + e.getMessage(), e);
                }
            }, "bench-producer-" + p);
            producer.start();
            producers.add(producer);
        }
        long start = System.nanoTime();
        long target = headBefore + total;
        long lastReport = System.nanoTime();
        // The checkpoints the stores last committed, kept in memory: polling the stores' tables every 20 ms
        // would load what is being measured.
        List<io.bizmaster.store.Store> stores = app.getBean(StoreRegistry.class).all().stream()
                .filter(s -> s.role() != io.bizmaster.store.StoreRole.DETACHED).toList();
        while (true) {
            if (stores.stream().allMatch(s -> s.knownCheckpoint() >= target)) {
                break;
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
        out.printf("Latency: %,.0f commands/s (half the live maximum) for %d s ...%n", rate, seconds);
        DemoStream stream = DemoStream.generate(total, Math.max(total / 10, 10), 99, "latency");
        List<OutgoingCommand> commands = commands(stream.messages());
        probe.arm(List.of("legacy", "modern"));
        Map<String, Long> sentAt = new LinkedHashMap<>();
        long start = System.nanoTime();
        int tickMillis = 10;
        int sent = 0;
        for (int tick = 1; sent < commands.size(); tick++) {
            int due = (int) Math.min(commands.size(), Math.round(rate * tick * tickMillis / 1000.0));
            if (due > sent) {
                List<OutgoingCommand> slice = commands.subList(sent, due);
                long now = Micros.now();
                slice.forEach(c -> sentAt.put(c.id(), now));
                poster.post(slice);
                sent = due;
            }
            long wake = start + tick * tickMillis * 1_000_000L;
            long sleep = wake - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (probe.committed().values().stream().anyMatch(n -> n < stream.valid()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Map<String, Long> received = probe.received();
        Map<String, Map<String, Long>> committed = probe.disarm();
        List<Double> endToEnd = new ArrayList<>();
        List<Double> toLog = new ArrayList<>();
        Map<String, List<Double>> toStore = new LinkedHashMap<>();
        for (Map.Entry<String, Long> sent1 : sentAt.entrySet()) {
            Long a = committed.get("legacy").get(sent1.getKey());
            Long b = committed.get("modern").get(sent1.getKey());
            Long logged = received.get(sent1.getKey());
            if (a != null && b != null) {
                endToEnd.add((Math.max(a, b) - sent1.getValue()) / 1e3);
                if (logged != null) {
                    toLog.add((logged - sent1.getValue()) / 1e3);
                    toStore.computeIfAbsent("legacy", s -> new ArrayList<>()).add((a - logged) / 1e3);
                    toStore.computeIfAbsent("modern", s -> new ArrayList<>()).add((b - logged) / 1e3);
                }
            }
        }
        double[] sorted = sorted(endToEnd);
        out.println("  p99 per 5 s of sending (ms): " + windows(sentAt, committed));
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

    /** The p99 of each 5-second window of the run, by send time: shows whether the tail is spread or bunched. */
    private static String windows(Map<String, Long> sentAt, Map<String, Map<String, Long>> committed) {
        long first = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        Map<Long, List<Double>> byWindow = new java.util.TreeMap<>();
        sentAt.forEach((id, sent) -> {
            Long a = committed.get("legacy").get(id);
            Long b = committed.get("modern").get(id);
            if (a != null && b != null) {
                byWindow.computeIfAbsent((sent - first) / 5_000_000L, w -> new ArrayList<>()).add((Math.max(a, b) - sent) / 1e3);
            }
        });
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
        return options.postgresAdmin() + (options.postgresAdmin().contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&reWriteBatchedInserts=true";
    }

    private String mariadbDatabase(String purpose) throws Exception {
        String database = "bench_" + purpose + "_" + Long.toString(System.currentTimeMillis(), 36);
        execute(options.mariadbAdmin(), "CREATE DATABASE " + database);
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
