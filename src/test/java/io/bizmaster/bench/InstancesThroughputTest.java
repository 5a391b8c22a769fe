package io.bizmaster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput with 1, 2 and 3 instances on one standalone Artemis and one PostgreSQL business store: a stream posted
 * as fast as the AppCenter can, timed from the first post until the log holds it all and both stores applied it; the
 * raw broker rate (persistent send + receive, Baselines) measured on the same broker in the same run. Prints the
 * figures; asserts only that every run logged and applied everything.
 */
class InstancesThroughputTest {

    private static final int COMMANDS = Integer.getInteger("bench.instances.commands", 20_000);

    @TempDir
    Path data;

    @Test
    void oneTwoAndThreeInstances() throws Exception {
        String home = System.getProperty("chaos.artemis-home");
        Assumptions.assumeTrue(home != null && Files.isDirectory(Path.of(home)),
                "the Artemis distribution is unpacked by the chaos profile: run mvn -Pchaos test");
        Path logs = Files.createDirectories(Path.of("target", "chaos"));
        List<String> results = new ArrayList<>();
        // {instances, exclusive intake}: every instance consuming biz.commands (per-key order by JMSXGroupID), or
        // biz.commands exclusive (one instance logs everything, the others stand by).
        int[][] runs = {{1, 0}, {2, 0}, {2, 1}, {3, 0}};
        for (int[] runSpec : runs) {
            int instances = runSpec[0];
            boolean exclusiveIntake = runSpec[1] == 1;
            Path runData = Files.createDirectories(data.resolve("run" + instances + (exclusiveIntake ? "x" : "")));
            try (StandaloneArtemis broker = new StandaloneArtemis(Path.of(home), runData.resolve("broker"),
                    logs.resolve("instances-broker.log")).create()) {
                broker.start();
                if (exclusiveIntake) {
                    exclusiveCommandsQueue(broker);
                }
                List<String> settings = List.of("--spring.datasource.url=" + ExternalDatabases.freshPostgres(),
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
                    String line = String.format("%d instance(s)%s: %d commands logged and applied by both stores in %.1f s = "
                                    + "%.0f cmd/s (posting took %.1f s); raw broker %.0f msg/s in the same run",
                            instances, exclusiveIntake ? " (exclusive intake)" : " (intake on every instance)", COMMANDS, seconds, COMMANDS / seconds, postSeconds, raw);
                    System.out.println(line);
                    results.add(line);
                    assertThat(first.head()).isEqualTo(COMMANDS);
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

    private static void exclusiveCommandsQueue(StandaloneArtemis broker) throws Exception {
        try (var locator = org.apache.activemq.artemis.api.core.client.ActiveMQClient.createServerLocator(
                "tcp://127.0.0.1:" + broker.port());
             var factory = locator.createSessionFactory();
             var session = factory.createSession(broker.user(), broker.password(), false, true, true, false, 0)) {
            session.start();
            var requestor = new org.apache.activemq.artemis.api.core.client.ClientRequestor(session, "activemq.management");
            var request = session.createMessage(false);
            org.apache.activemq.artemis.api.core.management.ManagementHelper.putOperationInvocation(request,
                    org.apache.activemq.artemis.api.core.management.ResourceNames.BROKER, "updateQueue",
                    org.apache.activemq.artemis.api.core.QueueConfiguration.of("biz.commands").setAddress("biz.commands")
                            .setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST).setExclusive(true).toJSON());
            var reply = requestor.request(request, 10_000);
            assertThat(reply).isNotNull();
            assertThat(org.apache.activemq.artemis.api.core.management.ManagementHelper.hasOperationSucceeded(reply))
                    .as(String.valueOf(org.apache.activemq.artemis.api.core.management.ManagementHelper.getResult(reply))).isTrue();
            assertThat(session.queueQuery(org.apache.activemq.artemis.api.core.SimpleString.of("biz.commands")).isExclusive())
                    .isTrue();
        }
    }
}
