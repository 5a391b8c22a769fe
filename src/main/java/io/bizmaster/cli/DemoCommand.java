package io.bizmaster.cli;

import io.bizmaster.BizMasterApplication;
import io.bizmaster.admin.StoreStatus;
import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoRunner;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.demo.RedisDemo;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.replay.StoreReplay;
import io.bizmaster.verify.Verifications;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "demo", description = {"Starts BizMaster on the embedded default (embedded Artemis, H2 stores 'legacy' "
        + "and 'modern'), posts a realistic stream of business commands, waits until every store has applied it, "
        + "and prints a summary; --json: the summary as an object (posted, accepted, rejected, head, stores, seconds).",
    "Any --name=value is a Spring Boot setting, as for run."})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--commands", defaultValue = "10000", description = "messages to post (default ${DEFAULT-VALUE})")
    int commands;

    @Option(names = "--customers", defaultValue = "1200", description = "customers to register (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "random seed of the stream (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "give up after (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--redis", arity = "0..1", fallbackValue = "127.0.0.1:6379", paramLabel = "HOST:PORT",
            description = "also a Redis read model 'cache' (connector redis, converter cache@1) fed as a third store, "
                    + "then verified, replayed from 0, and a second one built by a migration and cut over to "
                    + "(default 127.0.0.1:6379)")
    String redis;

    @Mixin
    HomeOption home;

    @Mixin
    JsonOption json;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (commands < 1 || customers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--commands and --customers must be at least 1, got "
                    + commands + " and " + customers);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be positive, got " + timeout);
        }
        Path folder = home.resolve();
        List<String> args = new ArrayList<>(HomeOption.springSettings(folder));
        args.addAll(settings);
        args.add("--server.port=0");
        String run = "demo" + Long.toString(System.currentTimeMillis(), 36);
        if (redis != null) {
            args.addAll(List.of(redisSettings(run)));
        }
        try (Output out = Output.open(json)) {
            return ConnectorsFolder.with(folder, () -> demo(args, run, out));
        }
    }

    private String[] redisSettings(String run) {
        Matcher at = Pattern.compile("([A-Za-z0-9.-]+):(\\d{1,5})").matcher(redis);
        if (!at.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--redis: expected HOST:PORT, got '" + redis + "'");
        }
        String host = at.group(1);
        int port = Integer.parseInt(at.group(2));
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException("--redis: nothing answers at " + host + ":" + port + " (" + e.getMessage()
                    + "); start Redis (redis-server --daemonize yes --save \"\" --appendonly no) or name another");
        }
        // A prefix of this run's own: the read models are built from the whole log, whatever earlier runs left.
        return RedisDemo.settings(host, port, run);
    }

    private int demo(List<String> args, String run, Output out) throws Exception {
        try (ConfigurableApplicationContext app = SpringApplication.run(BizMasterApplication.class, args.toArray(String[]::new))) {
            DemoStream stream = DemoStream.generate(commands, customers, seed, run);
            DemoRunner runner = new DemoRunner(app.getBean(CommandPoster.class), app.getBean(CommandLog.class),
                    app.getBean(StoreStatusService.class));
            DemoRunner.Summary summary = runner.run(stream, timeout, out.text());
            boolean expected = summary.rejected() == stream.invalid() && summary.accepted() == stream.valid();
            out.text().println();
            out.text().println("Demo " + (summary.caughtUp() ? "complete" : "INCOMPLETE") + ": " + summary.line());
            if (!expected) {
                out.text().printf("Expected %,d accepted and %,d rejected.%n", stream.valid(), stream.invalid());
            }
            Boolean redisOk = null;
            if (redis != null && expected && summary.caughtUp()) {
                out.text().println();
                redisOk = new RedisDemo(app.getBean(Verifications.class), app.getBean(StoreReplay.class),
                        app.getBean(MigrationWorkflow.class), out.text()).run(timeout);
                out.text().printf("The read models are under the Redis keys bizmaster:%s:* (redis-cli --scan --pattern "
                        + "'bizmaster:%s:*' lists them).%n", run, run);
            }
            boolean ok = expected && summary.caughtUp() && !Boolean.FALSE.equals(redisOk);
            if (out.json()) {
                out.json(JsonMapper.builder().build().writeValueAsString(facts(summary, stream, redisOk, run, ok)));
            }
            return ok ? ExitCodes.OK : ExitCodes.NO;
        }
    }

    /** What the summary line says, as an object. */
    private Map<String, Object> facts(DemoRunner.Summary summary, DemoStream stream, Boolean redisOk, String run, boolean ok) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("complete", ok);
        facts.put("caughtUp", summary.caughtUp());
        facts.put("posted", summary.posted());
        facts.put("accepted", summary.accepted());
        facts.put("rejected", summary.rejected());
        facts.put("expectedAccepted", stream.valid());
        facts.put("expectedRejected", stream.invalid());
        facts.put("head", summary.head());
        List<Map<String, Object>> stores = new ArrayList<>();
        for (StoreStatus s : summary.stores()) {
            Map<String, Object> store = new LinkedHashMap<>();
            store.put("name", s.name());
            store.put("role", s.role());
            store.put("checkpoint", s.checkpoint());
            stores.add(store);
        }
        facts.put("stores", stores);
        double seconds = Math.max(summary.elapsed().toMillis(), 1) / 1000.0;
        facts.put("seconds", seconds);
        facts.put("commandsPerSecond", Math.round(summary.posted() / seconds));
        if (redisOk != null) {
            facts.put("redis", Map.of("verifiedReplayedAndMigrated", redisOk, "keys", "bizmaster:" + run + ":*"));
        }
        return facts;
    }
}
