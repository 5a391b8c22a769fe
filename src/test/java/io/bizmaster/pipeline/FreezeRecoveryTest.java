package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.broker.BrokerQueueControl;
import io.bizmaster.broker.Destinations;
import io.bizmaster.broker.EmbeddedBroker;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.RunningApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running instance undoes, on its own, a freeze another instance recorded and can no longer end: its migration is not
 * FREEZING (here: does not exist), seen so at two checks in a row. The runner checks every 200 ms here (10 s by default).
 */
class FreezeRecoveryTest extends RunningApplication {

    private static final ApplicationFolder OWN = ApplicationFolder.create("bizmaster-freeze-recovery");

    @DynamicPropertySource
    static void checkOften(DynamicPropertyRegistry registry) {
        OWN.register(registry);
        registry.add("bizmaster.freeze.check-every", () -> "200ms");
    }

    @Autowired
    IntakeFreezes freezes;
    @Autowired
    BrokerQueueControl queues;
    @Autowired
    EmbeddedBroker broker;

    @Test
    void aRunningInstanceUndoesAFreezeWhoseMigrationNoLongerHoldsIt() throws Exception {
        long before = log.head();
        freezes.record(new IntakeFreezes.Freeze("orphan-token", "cut-over of migration gone", "another-host pid 7", "gone",
                Instant.now(), 600_000));
        queues.pause(Destinations.COMMANDS);
        post(List.of(Commands.credited("orphan-0", "orphan-C1", 1, "2026-01-01T00:00:00Z")));
        Eventually.await("the orphaned freeze undone by the runner", Duration.ofSeconds(60),
                () -> !broker.server().locateQueue(SimpleString.of(Destinations.COMMANDS)).isPaused() && freezes.find().isEmpty());
        Eventually.await("orphan-0 logged", Duration.ofSeconds(60), () -> log.head() >= before + 1);
        assertThat(log.readAfter(before, 10)).extracting(LogEntry::commandId).containsExactly("orphan-0");
    }
}
