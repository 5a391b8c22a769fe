package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping the application in the middle of a stream loses nothing and applies nothing twice. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void stoppingMidStreamAndStartingAgainLosesNothingAndAppliesNothingTwice() throws Exception {
        DemoStream stream = DemoStream.generate(20_000, 2_000, 99, "restart");
        TestApplication app = TestApplication.inFolder(data);
        long headAtStop;
        long legacyAtStop;
        try (ConfigurableApplicationContext first = app.start()) {
            first.getBean(CommandPoster.class).post(stream.messages().stream()
                    .map(m -> CommandSplitter.split(m).get(0)).toList());
            CommandLog log = first.getBean(CommandLog.class);
            Eventually.await("the first commands applied", Duration.ofSeconds(60), () -> log.head() >= 1000);
            headAtStop = log.head();
            legacyAtStop = first.getBean(StoreStatusService.class).one("legacy").checkpoint();
        }
        assertThat(headAtStop).as("the application stopped in the middle of the stream").isLessThan(stream.messages().size());

        try (ConfigurableApplicationContext second = app.start()) {
            CommandLog log = second.getBean(CommandLog.class);
            StoreStatusService status = second.getBean(StoreStatusService.class);
            long total = stream.messages().size();
            Eventually.await("every command logged and applied after the restart", Duration.ofMinutes(3),
                    () -> log.head() == total && status.all().stream().allMatch(s -> s.checkpoint() == total),
                    () -> "head " + log.head() + ", " + status.all());

            List<LogEntry> entries = log.readAfter(0, 50_000);
            assertThat(entries).hasSize(stream.messages().size());
            Set<String> accepted = new HashSet<>();
            entries.stream().filter(LogEntry::accepted).forEach(e -> assertThat(accepted.add(e.commandId()))
                    .as("command %s logged once", e.commandId()).isTrue());
            assertThat(accepted).hasSize(stream.valid());
            assertThat(log.count(CommandStatus.REJECTED)).isEqualTo(stream.invalid());
            StoreRegistry stores = second.getBean(StoreRegistry.class);
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), "restart");
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), "restart");
        }
        assertThat(legacyAtStop).isLessThanOrEqualTo(headAtStop);
    }
}
