package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.broker.BrokerQueueControl;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.BrokerConfigs;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TcpProxy;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A shadow store on PostgreSQL whose connection is cut through a TCP proxy: once dropped (connections reset, new ones
 * refused), once black-holed (connections open, every byte lost: reads hang until the socket timeout). The broker here
 * redelivers a failed feed message only after ten minutes and nothing is posted after the cut, so when the shadow
 * catches up once the network is back, it was woken by its probe: recovery driven by the store, not by a timer.
 */
class StoreOutageTest {

    @TempDir
    Path data;

    @Test
    void aShadowCutOffIsWokenByItsProbeWhenItsDatabaseAnswersAgain() throws Exception {
        String modernUrl = ExternalDatabases.freshPostgres();
        String run = "outage";
        DemoStream stream = DemoStream.generate(6_000, 300, 13, run);
        List<OutgoingCommand> commands = stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            TestApplication app = TestApplication.inFolder(data)
                    .with("bizmaster.broker.config", BrokerConfigs.slowFeedRedelivery(data.resolve("broker-config")))
                    .with("bizmaster.stores.modern.options.url", proxy.route(modernUrl))
                    .with("bizmaster.stores.modern.options.username", "")
                    // A black-holed read fails after this long, instead of hanging the store's route.
                    .with("bizmaster.stores.modern.options.socket-timeout", "2");
            try (ConfigurableApplicationContext context = app.start()) {
                CommandLog log = context.getBean(CommandLog.class);
                StoreRegistry stores = context.getBean(StoreRegistry.class);
                StoreRecovery recovery = context.getBean(StoreRecovery.class);
                ApplyFailures failures = context.getBean(ApplyFailures.class);
                CommandPoster poster = context.getBean(CommandPoster.class);
                BrokerQueueControl queues = context.getBean(BrokerQueueControl.class);
                Store legacy = stores.get("legacy");
                Store modern = stores.get("modern");
                poster.post(commands.subList(0, 2_000));
                Eventually.await("the first commands applied", Duration.ofMinutes(1), () -> modern.knownCheckpoint() >= 2_000);

                int posted = 2_000;
                for (TcpProxy.Mode fault : new TcpProxy.Mode[] {TcpProxy.Mode.DROP, TcpProxy.Mode.BLACKHOLE}) {
                    long recoveriesBefore = recovery.recoveries();
                    proxy.mode(fault);
                    poster.post(commands.subList(posted, posted + 2_000));
                    posted += 2_000;
                    long head = posted;
                    Eventually.await("the primary applying while the shadow is cut off (" + fault + ")", Duration.ofMinutes(1),
                            () -> legacy.knownCheckpoint() >= head);
                    Eventually.await("the shadow failing on its connection (" + fault + ")", Duration.ofMinutes(1),
                            () -> failures.unreachable().containsKey("modern"));
                    assertThat(modern.knownCheckpoint()).as("the shadow behind while cut off").isLessThan(head);
                    // Every feed message of the shadow tried and held back for its (ten-minute) redelivery: none left
                    // that a fresh delivery could apply once the database is back, so only the probe can wake it.
                    Eventually.await("the shadow's feed messages all held back (" + fault + ")", Duration.ofMinutes(1),
                            () -> queues.messageCount("biz.store.modern") == queues.scheduledCount("biz.store.modern"));
                    long back = System.nanoTime();
                    proxy.mode(TcpProxy.Mode.PASS);
                    Eventually.await("the shadow caught up after " + fault + ", well before any redelivery",
                            Duration.ofMinutes(2), () -> modern.knownCheckpoint() >= head,
                            () -> "modern at " + modern.knownCheckpoint() + " of " + head);
                    System.out.printf("%s: the shadow caught up %,d ms after its database returned%n", fault,
                            (System.nanoTime() - back) / 1_000_000);
                    // Counted just after the wake it follows, so it may trail the catch-up by a moment.
                    Eventually.await("woken by its probe after " + fault, Duration.ofSeconds(30),
                            () -> recovery.recoveries() > recoveriesBefore);
                }

                poster.post(commands.subList(posted, commands.size()));
                LogChecks.awaitAllAppliedExactlyOnce(log, context.getBean(StoreStatusService.class), stream, run,
                        Duration.ofMinutes(2));
                DemoStores.assertLegacyMatches(legacy.dataSource(), stream.model(), run);
                DemoStores.assertModernMatches(modern.dataSource(), stream.model(), run);
            }
        }
    }
}
