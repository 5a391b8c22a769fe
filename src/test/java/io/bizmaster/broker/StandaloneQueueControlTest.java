package io.bizmaster.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.testing.ArtemisDistribution;
import io.bizmaster.testing.StandaloneArtemis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BrokerQueueControl} against the standalone distribution set up from {@code artemis/}, as an operator runs it:
 * BizMaster's user may pause and resume through the management API; the pause outlives a SIGKILL of the broker (it is
 * persisted); a user without {@code manage} is refused with the queue named. Needs the distribution, which the chaos
 * profile unpacks: {@code mvn -Pchaos test -Dtest=StandaloneQueueControlTest}.
 */
@Tag("chaos")
class StandaloneQueueControlTest {

    @TempDir
    Path data;

    @Test
    void aPauseThroughTheManagementApiOutlivesABrokerKillAndResumes() throws Exception {
        Path home = ArtemisDistribution.home();
        Path log = Files.createDirectories(Path.of("target", "chaos")).resolve("standalone-queue-control.log");
        try (StandaloneArtemis broker = new StandaloneArtemis(home, data.resolve("broker"), log).create()) {
            broker.start();
            try (BrokerQueueControl queues = new BrokerQueueControl(broker.url(), broker.user(), broker.password(),
                    Duration.ofSeconds(10))) {
                assertThat(queues.isPaused(Destinations.COMMANDS)).isFalse();
                queues.pause(Destinations.COMMANDS);
                assertThat(queues.isPaused(Destinations.COMMANDS)).isTrue();
                assertThat(queues.deliveringCount(Destinations.COMMANDS)).isZero();
                assertThat(queues.consumerCount(Destinations.COMMANDS)).isZero();

                broker.kill();
                broker.start();
                assertThat(queues.isPaused(Destinations.COMMANDS)).as("the pause persisted across a SIGKILL").isTrue();
                queues.resume(Destinations.COMMANDS);
                assertThat(queues.isPaused(Destinations.COMMANDS)).isFalse();
            }
            // An AppCenter may only send to biz.commands: the management API refuses it, naming the queue.
            try (BrokerQueueControl appCenter = new BrokerQueueControl(broker.url().replaceFirst("\\?.*", ""), "appcenter",
                    "appcenter-demo", Duration.ofSeconds(10))) {
                assertThatThrownBy(() -> appCenter.pause(Destinations.COMMANDS))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("pause of queue biz.commands");
            }
            try (BrokerQueueControl queues = new BrokerQueueControl(broker.url(), broker.user(), broker.password(),
                    Duration.ofSeconds(10))) {
                assertThat(queues.isPaused(Destinations.COMMANDS)).as("the refused pause changed nothing").isFalse();
            }
        }
    }
}
