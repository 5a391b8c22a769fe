package io.bizmaster.cli;

import io.bizmaster.BizMasterApplication;
import io.bizmaster.admin.StoreStatus;
import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.BffDemo;
import io.bizmaster.demo.BffStream;
import io.bizmaster.demo.DemoMigration;
import io.bizmaster.demo.DemoRunner;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.demo.RedisDemo;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandRouter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.replay.StoreReplay;
import io.bizmaster.store.StoreRegistry;
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
        + "then migrates legacy to a new store 'modern2' under a live load (backfill, catch-up, verification, a "
        + "cut-over with its freeze window, rollback) and says what to open next; --json: the summary as an object "
        + "(posted, accepted, rejected, head, stores, seconds, migration).",
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

    @Option(names = "--bff", description = "instead: the read models of a BFF (examples/bff/application.yaml): a CRM and "
            + "a shop domain each fed its own commands, and the BFF's mutations through domains/forwarding.yaml; a back "
            + "office and a storefront built from what they publish, verified against their sources, rebuilt by a "
            + "replay from 0 and verified again")
    boolean bff;

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
        if (bff) {
            if (redis != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bff and --redis are two demos: run one");
            }
            args.add(BffDemo.location(folder, folder.equals(Path.of("").toAbsolutePath().normalize())));
        }
        args.addAll(settings);
        args.add("--server.port=0");
        String run = "demo" + Long.toString(System.currentTimeMillis(), 36);
        if (bff) {
            try (Output out = Output.open(json)) {
                return ConnectorsFolder.with(folder, () -> bff(args, run, out));
            }
        }
        if (redis != null) {
            args.addAll(List.of(redisSettings(run)));
        }
        args.addAll(List.of(DemoMigration.settings()));
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
            Boolean migrated = null;
            Boolean redisOk = null;
            if (expected && summary.caughtUp()) {
                out.text().println();
                DemoStream load = DemoStream.generate(Math.max(1_000, commands / 3), Math.max(50, customers / 4), seed + 1,
                        run + "-live");
                migrated = new DemoMigration(app.getBean(MigrationWorkflow.class), app.getBean(Verifications.class),
                        app.getBean(CommandPoster.class), app.getBean(CommandLog.class)::head, out.text())
                        .run(run + "-modern2", load, timeout);
            }
            if (redis != null && expected && summary.caughtUp()) {
                out.text().println();
                redisOk = new RedisDemo(app.getBean(Verifications.class), app.getBean(StoreReplay.class),
                        app.getBean(MigrationWorkflow.class), out.text(), run).run(timeout);
                out.text().printf("The read models are under the Redis keys bizmaster:%s:* (redis-cli --scan --pattern "
                        + "'bizmaster:%s:*' lists them).%n", run, run);
            }
            if (migrated != null) {
                next(out.text(), run);
            }
            boolean ok = expected && summary.caughtUp() && Boolean.TRUE.equals(migrated) && !Boolean.FALSE.equals(redisOk);
            if (out.json()) {
                Map<String, Object> facts = facts(summary, stream, redisOk, run, ok);
                facts.put("migration", Map.of("id", run + "-modern2", "verifiedAndRolledBack", Boolean.TRUE.equals(migrated)));
                out.json(JsonMapper.builder().build().writeValueAsString(facts));
            }
            return ok ? ExitCodes.OK : ExitCodes.NO;
        }
    }

    private int bff(List<String> args, String run, Output out) throws Exception {
        try (ConfigurableApplicationContext app = SpringApplication.run(BizMasterApplication.class, args.toArray(String[]::new))) {
            BffDemo.Result result = new BffDemo(app.getBean(CommandPoster.class), app.getBean(CommandRouter.class),
                    app.getBean(CommandLog.class), app.getBean(StoreStatusService.class), app.getBean(StoreRegistry.class),
                    app.getBean(Verifications.class), app.getBean(StoreReplay.class), out.text())
                    .run(BffStream.generate(commands, customers, seed, run), run, timeout);
            out.text().println();
            out.text().println("BFF demo " + (result.ok() ? "complete: every domain logged what it should, every read "
                    + "model verified EQUAL against its sources, live and rebuilt" : "INCOMPLETE: see above"));
            if (out.json()) {
                out.json(JsonMapper.builder().build().writeValueAsString(result.facts()));
            }
            return result.ok() ? ExitCodes.OK : ExitCodes.NO;
        }
    }

    /** What to open after the demo: the server with the demo's modern2, the dashboard, the next verbs. */
    private static void next(java.io.PrintStream out, String run) {
        out.println();
        out.println("Next: start the server and open the dashboard (user operator, password in "
                + "data/operator.credentials): the stores, the command log, and migration " + run + "-modern2's timeline");
        out.println("  java -jar target/bizmaster.jar run --spring.config.additional-location=examples/modern2-store.yaml");
        out.println("  open http://127.0.0.1:8080/");
        out.println("  java -jar target/bizmaster.jar status                   # the stores at the log head");
        out.println("  java -jar target/bizmaster.jar verify legacy modern     # two schemas proven equal");
        out.println("  java -jar target/bizmaster.jar migrate create examples/migration.yaml   # your own migration to modern2");
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
        for (StoreStatus s : summary.stores().stream().filter(s -> !"detached".equals(s.role())).toList()) {
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
