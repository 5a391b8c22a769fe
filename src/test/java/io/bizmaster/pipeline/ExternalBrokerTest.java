package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.broker.BrokerProperties;
import io.bizmaster.broker.EmbeddedBroker;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import io.bizmaster.testing.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Switching to an external broker is configuration only: a broker of its own (started here from the same
 * artemis/broker.xml, as a standalone Artemis would be) and the application told to connect to it.
 */
class ExternalBrokerTest {

    @TempDir
    Path data;

    @Test
    void theApplicationRunsAgainstABrokerItDoesNotStart() throws Exception {
        int port = TestPorts.free();
        EmbeddedBroker external = new EmbeddedBroker(new BrokerProperties(true, Path.of("artemis/broker.xml"),
                data.resolve("external-broker"), "127.0.0.1", port, ThreadLocalRandom.current().nextInt(1000, 1_000_000), java.time.Duration.ofSeconds(10)));
        external.start();
        try {
            DemoStream stream = DemoStream.generate(1500, 150, 17, "external");
            // The external broker's bizmaster user, as an operator would give it to BizMaster.
            TestApplication app = TestApplication.inFolder(data)
                    .with("bizmaster.broker.embedded", false)
                    .with("spring.artemis.broker-url", "tcp://127.0.0.1:" + port)
                    .with("spring.artemis.user", external.credentials().user())
                    .with("spring.artemis.password", external.credentials().password());
            try (ConfigurableApplicationContext context = app.start()) {
                assertThat(context.getBeanNamesForType(EmbeddedBroker.class)).isEmpty();
                assertThat(external.server().locateQueue(SimpleString.of("biz.store.modern")))
                        .as("the store queue bound on the external broker").isNotNull();
                context.getBean(CommandPoster.class).post(stream.messages().stream()
                        .map(m -> CommandSplitter.split(m).get(0)).toList());
                CommandLog log = context.getBean(CommandLog.class);
                StoreStatusService status = context.getBean(StoreStatusService.class);
                long total = stream.messages().size();
                Eventually.await("every command applied through the external broker", Duration.ofMinutes(2),
                        () -> log.head() == total && status.all().stream().allMatch(s -> s.checkpoint() == total));
                StoreRegistry stores = context.getBean(StoreRegistry.class);
                DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), "external");
                DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), "external");
            }
        } finally {
            external.stop();
        }
    }
}
