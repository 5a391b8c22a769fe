package io.bizmaster.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.cli.BizMasterCli;
import io.bizmaster.demo.DemoModel;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;

/**
 * Seed scenario 2 under load: pause modern, its commands wait, switch modern@1 to modern@2 (e-mails
 * lower-cased), resume; every command applied once, in order, the ones after the switch with modern@2.
 */
class ConverterSwitchTest {

    @TempDir
    Path data;

    @Test
    void switchingTheConverterOfAPausedStoreAppliesWaitingCommandsWithTheNewVersion() throws Exception {
        String run = "conv";
        DemoStream stream = DemoStream.generate(6_000, 600, 7, run);
        TestApplication app = TestApplication.inFolder(data);
        long switchedAfter;
        try (ConfigurableApplicationContext context = app.start();
             LoadGenerator load = new LoadGenerator(stream, 1_000).start(context.getBean(CommandPoster.class))) {
            CommandLog log = context.getBean(CommandLog.class);
            StoreStatusService status = context.getBean(StoreStatusService.class);
            Http http = Http.of(context);
            Eventually.await("load flowing", Duration.ofSeconds(60), () -> log.head() >= 1_000);

            assertThat(http.post("/api/stores/modern/converter", "{\"converter\":\"modern@2\"}").statusCode())
                    .as("a running store keeps its converter").isEqualTo(409);
            assertThat(http.post("/api/stores/modern/pause", null).statusCode()).isEqualTo(200);
            long pausedAt = status.one("modern").checkpoint();
            Eventually.await("commands arriving while modern is paused", Duration.ofSeconds(60),
                    () -> log.head() >= pausedAt + 500);
            assertThat(status.one("modern").checkpoint()).as("a paused store applies nothing").isEqualTo(pausedAt);
            assertThat(http.post("/api/stores/modern/converter", "{\"converter\":\"modern@9\"}").statusCode())
                    .as("an unknown converter").isEqualTo(400);
            int exit = BizMasterCli.commandLine().execute("store", "set-converter", "modern", "modern@2", "--url", http.base(), "--credentials", http.credentials().toString());
            assertThat(exit).isZero();
            switchedAfter = status.one("modern").checkpoint();
            assertThat(switchedAfter).isEqualTo(pausedAt);
            assertThat(http.post("/api/stores/modern/resume", null).statusCode()).isEqualTo(200);

            load.awaitDone(Duration.ofMinutes(3));
            long total = stream.messages().size();
            Eventually.await("every command applied", Duration.ofMinutes(2),
                    () -> log.head() == total && status.all().stream().allMatch(s -> s.checkpoint() == total),
                    () -> "head " + log.head() + ", " + status.all());

            LogChecks.assertExactlyOnceInOrder(log, stream, run);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            // modern@2 lower-cases the e-mail of every customer registered after the switch
            DemoModel expected = stream.model();
            int lowered = 0;
            for (Map.Entry<String, DemoModel.Customer> c : expected.customers().entrySet()) {
                long registeredAt = log.byCommandId(registrationOf(stream, c.getKey())).get(0).seq();
                if (registeredAt > switchedAfter) {
                    c.getValue().email = c.getValue().email.toLowerCase(Locale.ROOT);
                    lowered++;
                }
            }
            assertThat(lowered).as("customers registered after the switch").isPositive();
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), expected, run);
            System.out.printf("scenario 2: %,d commands at %,d/s; modern paused at seq %,d, switched to modern@2, "
                    + "%,d customers registered after the switch%n", total, load.perSecond(), switchedAfter, lowered);
        }
        try (ConfigurableApplicationContext again = app.start()) {
            assertThat(again.getBean(StoreRegistry.class).get("modern").converter())
                    .as("the switch survives a restart").isEqualTo(ConverterRef.parse("modern@2"));
        }
    }

    /** The id of the customer.registered command of a customer in a demo stream. */
    private static String registrationOf(DemoStream stream, String customer) {
        for (byte[] m : stream.messages()) {
            String text = new String(m, java.nio.charset.StandardCharsets.UTF_8);
            if (text.contains("\"type\":\"customer.registered\"") && text.contains("\"key\":\"" + customer + "\"")) {
                int start = text.indexOf("\"id\":\"") + 6;
                return text.substring(start, text.indexOf('"', start));
            }
        }
        throw new IllegalArgumentException(customer);
    }
}
