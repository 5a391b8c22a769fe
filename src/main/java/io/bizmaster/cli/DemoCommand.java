package io.bizmaster.cli;

import io.bizmaster.BizMasterApplication;
import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoMigration;
import io.bizmaster.demo.DemoRunner;
import io.bizmaster.demo.RedisDemo;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.replay.StoreReplay;
import io.bizmaster.verify.Verifications;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "demo", description = {"Starts BizMaster on the embedded default (embedded Artemis, H2 stores 'legacy' "
        + "and 'modern'), posts a realistic stream of business commands, waits until every store has applied it, "
        + "then migrates legacy to a new store 'modern2' under a live load (backfill, catch-up, verification, a "
        + "cut-over with its freeze window, rollback) and says what to open next."})
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

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(settings);
        args.add("--server.port=0");
        String run = "demo" + Long.toString(System.currentTimeMillis(), 36);
        if (redis != null) {
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("([A-Za-z0-9.-]+):(\\d{1,5})").matcher(redis);
            if (!at.matches()) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--redis: expected HOST:PORT, got '" + redis + "'");
            }
            String host = at.group(1);
            int port = Integer.parseInt(at.group(2));
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress(host, port), 2_000);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("--redis: nothing answers at " + host + ":" + port + " (" + e.getMessage()
                        + "); start Redis (redis-server --daemonize yes --save \"\" --appendonly no) or name another");
            }
            // A prefix of this run's own: the read models are built from the whole log, whatever earlier runs left.
            args.addAll(List.of(RedisDemo.settings(host, port, run)));
        }
        args.addAll(List.of(DemoMigration.settings()));
        try (ConfigurableApplicationContext app = SpringApplication.run(BizMasterApplication.class, args.toArray(String[]::new))) {
            DemoStream stream = DemoStream.generate(commands, customers, seed, run);
            DemoRunner runner = new DemoRunner(app.getBean(CommandPoster.class), app.getBean(CommandLog.class),
                    app.getBean(StoreStatusService.class));
            DemoRunner.Summary summary = runner.run(stream, timeout, System.out);
            System.out.println();
            System.out.println("Demo " + (summary.caughtUp() ? "complete" : "INCOMPLETE") + ": " + summary.line());
            if (summary.rejected() != stream.invalid() || summary.accepted() != stream.valid()) {
                System.out.printf("Expected %,d accepted and %,d rejected.%n", stream.valid(), stream.invalid());
                return 1;
            }
            if (!summary.caughtUp()) {
                return 1;
            }
            System.out.println();
            DemoStream load = DemoStream.generate(Math.max(1_000, commands / 3), Math.max(50, customers / 4), seed + 1,
                    run + "-live");
            boolean ok = new DemoMigration(app.getBean(MigrationWorkflow.class), app.getBean(Verifications.class),
                    app.getBean(CommandPoster.class), app.getBean(CommandLog.class)::head, System.out)
                    .run(run + "-modern2", load, timeout);
            if (redis != null) {
                System.out.println();
                ok &= new RedisDemo(app.getBean(Verifications.class), app.getBean(StoreReplay.class),
                        app.getBean(MigrationWorkflow.class), System.out, run).run(timeout);
                System.out.printf("The read models are under the Redis keys bizmaster:%s:* (redis-cli --scan --pattern "
                        + "'bizmaster:%s:*' lists them).%n", run, run);
            }
            System.out.println();
            System.out.println("Next: start the server and open the dashboard (user operator, password in "
                    + "data/operator.credentials): the stores, the command log, and migration " + run + "-modern2's timeline");
            System.out.println("  java -jar target/bizmaster.jar run --spring.config.additional-location=examples/modern2-store.yaml");
            System.out.println("  open http://127.0.0.1:8080/");
            System.out.println("  java -jar target/bizmaster.jar status                   # the stores at the log head");
            System.out.println("  java -jar target/bizmaster.jar verify legacy modern     # two schemas proven equal");
            System.out.println("  java -jar target/bizmaster.jar migrate create examples/migration.yaml   # your own migration to modern2");
            return ok ? 0 : 1;
        }
    }
}
