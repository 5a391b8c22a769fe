package io.bizmaster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.testing.ArtemisDistribution;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import io.bizmaster.testing.StandaloneArtemis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput with 1, 2 and 3 instances on one standalone Artemis and one PostgreSQL business store: a stream posted
 * as fast as the AppCenter can, timed from the first post until the log holds it all and both stores applied it; the
 * raw broker rate (persistent send + receive, Baselines) measured on the same broker in the same run. Prints the
 * figures; asserts only that every run logged and applied everything. Then a paced phase: commands offered one by one at
 * a steady rate, each one's latency from its post returning to its log entry's received time (same machine, same clock),
 * p50 and p99. Not part of the test run (tag scaling): {@code docs/SCALING.md} says how to run it.
 */
@Tag("scaling")
class InstancesThroughputTest {

    /** The paced phase: commands offered at this rate, one post each, to read the latency from post to logged. */
    private static final int PACED_RATE = Integer.getInteger("bench.instances.paced-rate", 500);
    private static final int PACED_COMMANDS = Integer.getInteger("bench.instances.paced-commands", 5_000);

    private static final int COMMANDS = Integer.getInteger("bench.instances.commands", 20_000);

    @TempDir
    Path data;

    @Test
    void oneTwoAndThreeInstances() throws Exception {
        Path home = ArtemisDistribution.home();
        Path logs = Files.createDirectories(Path.of("target", "chaos"));
        List<String> results = new ArrayList<>();
        // {instances, exclusive intake}: every instance consuming biz.commands (per-key order by JMSXGroupID), or
        // biz.commands exclusive (one instance logs everything, the others stand by).
        int[][] runs = {{1, 0}, {2, 0}, {2, 1}, {3, 0}};
        for (int[] runSpec : runs) {
            int instances = runSpec[0];
            boolean exclusiveIntake = runSpec[1] == 1;
            Path runData = Files.createDirectories(data.resolve("run" + instances + (exclusiveIntake ? "x" : "")));
            try (StandaloneArtemis broker = new StandaloneArtemis(home, runData.resolve("broker"),
                    logs.resolve("instances-broker.log")).create()) {
                broker.start();
                io.bizmaster.testing.QueueSettings.exclusive("tcp://127.0.0.1:" + broker.port(), broker.user(), broker.password(),
                        "biz.commands", exclusiveIntake);
                String business = ExternalDatabases.freshPostgres();
                List<String> settings = List.of("--spring.datasource.url=" + business,
                        "--bizmaster.stores.legacy.options.url=" + ExternalDatabases.freshPostgres(),
                        "--bizmaster.stores.modern.options.url=" + ExternalDatabases.freshPostgres(),
                        "--bizmaster.broker.embedded=false", "--spring.artemis.broker-url=" + broker.url(),
                        "--spring.artemis.user=" + broker.user());
                List<ChildApplication> apps = new ArrayList<>();
                List<Process> processes = new ArrayList<>();
                try {
                    for (int i = 0; i < instances; i++) {
                        Path own = Files.createDirectories(runData.resolve("app" + i));
                        ChildApplication app = new ChildApplication(own, logs.resolve("instances-" + instances + "-" + i + ".log"),
                                settings, Map.of("SPRING_ARTEMIS_PASSWORD", broker.password()));
                        apps.add(app);
                        processes.add(app.start());
                    }
                    double raw;
                    try (ActiveMQConnectionFactory bizmaster = new ActiveMQConnectionFactory(
                            "tcp://127.0.0.1:" + broker.port(), broker.user(), broker.password())) {
                        raw = Baselines.brokerMessagesPerSecond(bizmaster, COMMANDS, 400);
                    }
                    DemoStream stream = DemoStream.generate(COMMANDS, 1_000, 23, "i" + instances);
                    List<OutgoingCommand> commands = stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList();
                    long start = System.nanoTime();
                    try (ActiveMQConnectionFactory factory = AppCenter.core(broker.port())) {
                        new CommandPoster(factory).post(commands);
                    }
                    double postSeconds = (System.nanoTime() - start) / 1e9;
                    ChildApplication first = apps.get(0);
                    Eventually.await("every command logged and applied (" + instances + " instances)", Duration.ofMinutes(5),
                            () -> first.allAt(COMMANDS), () -> String.valueOf(first.stores()));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long[] latency = pacedLatencies(broker, business, first, instances);
                    String line = String.format("%d instance(s)%s: %d commands logged and applied by both stores in %.1f s = "
                                    + "%.0f cmd/s (posting took %.1f s); raw broker %.0f msg/s in the same run; at %d cmd/s offered, "
                                    + "post to logged p50 %d ms, p99 %d ms",
                            instances, exclusiveIntake ? " (exclusive intake)" : " (intake on every instance)", COMMANDS, seconds,
                            COMMANDS / seconds, postSeconds, raw, PACED_RATE, latency[0], latency[1]);
                    assertThat(first.head()).isEqualTo(COMMANDS + PACED_COMMANDS);
                    if (instances > 1) {
                        line += failover(broker, apps, processes, instances);
                    }
                    System.out.println(line);
                    results.add(line);
                } finally {
                    for (Process p : processes) {
                        p.destroy();
                        p.waitFor();
                    }
                }
            }
        }
        Files.write(logs.resolve("instances-throughput.txt"), results);
    }

    /**
     * Under a steady load, the instance that logs and applies (the first started: it took the exclusive queues first)
     * is killed with SIGKILL; how long until another instance logs again and applies the stores again.
     */
    private static String failover(StandaloneArtemis broker, List<ChildApplication> apps, List<Process> processes,
            int instances) throws Exception {
        long before = apps.get(1).head();
        DemoStream stream = DemoStream.generate(3_000, 500, 31, "f" + instances);
        ChildApplication survivor = apps.get(1);
        long intakeMs;
        long storesMs;
        try (ActiveMQConnectionFactory factory = AppCenter.core(broker.port());
             io.bizmaster.testing.LoadGenerator load = new io.bizmaster.testing.LoadGenerator(stream, 300)) {
            load.start(new CommandPoster(factory));
            Eventually.await("the failover load flowing", Duration.ofMinutes(1), () -> survivor.head() >= before + 300,
                    load::lastPostFailure);
            long headAtKill = survivor.head();
            long legacyAtKill = survivor.checkpoint("legacy");
            processes.get(0).destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            Eventually.await("another instance logging", Duration.ofMinutes(1),
                    () -> survivor.head() > headAtKill || load.done(), load::lastPostFailure);
            intakeMs = (System.nanoTime() - killedAt) / 1_000_000;
            Eventually.await("another instance applying", Duration.ofMinutes(1),
                    () -> survivor.checkpoint("legacy") > legacyAtKill);
            storesMs = (System.nanoTime() - killedAt) / 1_000_000;
            load.awaitDone(Duration.ofMinutes(3));
        }
        long total = before + stream.messages().size();
        Eventually.await("the failover load logged and applied", Duration.ofMinutes(3), () -> survivor.allAt(total),
                () -> String.valueOf(survivor.stores()));
        return String.format("; the logging instance SIGKILLed at 300 cmd/s: another logs after %d ms, applies after %d ms",
                intakeMs, storesMs);
    }

    /** p50 and p99 in ms of post → logged, commands offered one by one at PACED_RATE. */
    private static long[] pacedLatencies(StandaloneArtemis broker, String business, ChildApplication app, int instances)
            throws Exception {
        DemoStream stream = DemoStream.generate(PACED_COMMANDS, 1_000, 29, "p" + instances);
        List<OutgoingCommand> commands = stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList();
        Map<String, java.time.Instant> postedAt = new java.util.HashMap<>();
        long start = System.nanoTime();
        try (ActiveMQConnectionFactory factory = AppCenter.core(broker.port())) {
            CommandPoster poster = new CommandPoster(factory);
            for (int i = 0; i < commands.size(); i++) {
                long wait = start + (long) (i * 1e9 / PACED_RATE) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                poster.post(List.of(commands.get(i)));
                postedAt.put(commands.get(i).id(), java.time.Instant.now());
            }
        }
        Eventually.await("the paced commands logged", Duration.ofMinutes(3), () -> app.head() >= COMMANDS + PACED_COMMANDS);
        List<Long> millis = new ArrayList<>();
        for (io.bizmaster.log.LogEntry e : io.bizmaster.testing.LogChecks.all(
                new io.bizmaster.log.CommandLog(new org.springframework.jdbc.datasource.DriverManagerDataSource(business), 1000))) {
            java.time.Instant posted = e.commandId() == null ? null : postedAt.get(e.commandId());
            if (posted != null) {
                millis.add(Math.max(0, Duration.between(posted, e.receivedAt()).toMillis()));
            }
        }
        // Malformed ones are logged without their id: every valid one at least.
        assertThat(millis).as("the paced commands found in the log").hasSizeGreaterThanOrEqualTo(stream.valid());
        java.util.Collections.sort(millis);
        return new long[] {millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1)};
    }
}
