package io.bizmaster.cli;

import io.bizmaster.bench.Benchmark;
import io.bizmaster.bench.Figure;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "bench", description = {"Measures BizMaster against its physical baselines in one run: raw persistent "
        + "broker rate, raw batched upserts and full scans of each store, then the live path (queue to both stores "
        + "committed) with p50/p99 latency at half the maximum rate and the heap. Prints a table, writes JSON; --json "
        + "prints that JSON (with the report's path) instead of the table."})
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--stores", split = ",", defaultValue = "h2",
            description = "engines of the legacy and modern stores: h2, postgres, mariadb, or two of them, e.g. "
                    + "postgres,mariadb (default ${DEFAULT-VALUE}); the command log goes on postgres when it is named")
    List<String> stores;

    @Option(names = "--quick", description = "a small run (under two minutes), to check that the benchmark works")
    boolean quick;

    @Option(names = "--commands", description = "commands in the live-path run (default 1,000,000; --quick 20,000)")
    Integer commands;

    @Option(names = "--latency-at", paramLabel = "RATE",
            description = "only the latency, at this many commands/s (after the warm-up): the p50/p99 to expect at your "
                    + "own load; skips the baselines, the maximum rate and the backfills")
    Double latencyRate;

    @Option(names = "--latency-csv", paramLabel = "FILE",
            description = "also write each command of the latency run with its send, logged and per-store commit times "
                    + "(epoch microseconds), to see where a tail comes from")
    Path latencyCsv;

    @Option(names = "--redis", arity = "0..1", fallbackValue = "127.0.0.1:6379", paramLabel = "HOST:PORT",
            description = "also measure a Redis store (the redis connector): its replay against raw pipelined HSETs; "
                    + "HOST:PORT defaults to ${FALLBACK-VALUE}")
    String redis;

    @Option(names = "--out", description = "JSON report (default target/bench/bench-<time>.json in BizMaster's home)")
    Path out;

    @Option(names = "--postgres-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
            description = "a PostgreSQL database in which fresh schemas may be created (default ${DEFAULT-VALUE})")
    String postgresUrl;

    @Option(names = "--mariadb-url", defaultValue = "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=",
            description = "a MariaDB server on which fresh databases may be created (default ${DEFAULT-VALUE})")
    String mariadbUrl;

    @Mixin
    HomeOption home;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        Benchmark.Size size = quick ? Benchmark.Size.QUICK : Benchmark.Size.FULL;
        if (commands != null) {
            if (commands < 1000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--commands must be at least 1000, got " + commands);
            }
            size = size.withLiveCommands(commands);
        }
        if (latencyRate != null && !(latencyRate >= 1 && latencyRate <= 1_000_000)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--latency-at must be between 1 and 1,000,000 commands/s, got " + latencyRate);
        }
        String redisHost = null;
        int redisPort = 0;
        if (redis != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9.-]+):([0-9]{1,5})").matcher(redis);
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65_535) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--redis takes HOST:PORT (e.g. 127.0.0.1:6379), got '" + redis + "'");
            }
            redisHost = m.group(1);
            redisPort = Integer.parseInt(m.group(2));
        }
        Path folder = home.resolve();
        for (Path file : new Path[] {out, latencyCsv}) {
            if (file != null) {
                CliFiles.checkWritable(file);
            }
        }
        Benchmark.Options options = new Benchmark.Options(stores, size, postgresUrl, mariadbUrl, latencyRate, latencyCsv,
                redisHost, redisPort, folder);
        try (Output output = Output.open(json)) {
            List<Figure> figures = new Benchmark(options, output.text()).run();
            Path report = out != null ? out : folder.resolve("target").resolve("bench")
                    .resolve("bench-" + Instant.now().toString().replace(':', '-') + ".json");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("at", Instant.now().toString());
            result.put("stores", stores);
            result.put("quick", quick);
            result.put("cores", Runtime.getRuntime().availableProcessors());
            result.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
            result.put("figures", figures);
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            CliFiles.write(report, mapper.writeValueAsString(result));
            if (output.json()) {
                result.put("report", report.toString());
                output.json(mapper.writeValueAsString(result));
            } else {
                output.text().println();
                output.text().print(Benchmark.table(figures));
                output.text().println("Report: " + report);
            }
        }
        return ExitCodes.OK;
    }
}
