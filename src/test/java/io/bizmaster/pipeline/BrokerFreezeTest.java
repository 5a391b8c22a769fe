package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.broker.BrokerConfiguration.BrokerUrl;
import io.bizmaster.broker.BrokerQueueControl;
import io.bizmaster.broker.Destinations;
import io.bizmaster.broker.EmbeddedBroker;
import io.bizmaster.log.LogEntry;
import io.bizmaster.migrate.FreezeRecovery;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.PipelineTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * The intake's freeze is {@code biz.commands} paused at the broker, for every consumer at once; a store's pause pauses its
 * queue there too. Checked against the embedded broker's own view of its queues as well as through the management API.
 */
class BrokerFreezeTest extends PipelineTestSupport {

    private static final long BUDGET_MS = 120_000;

    @Autowired
    PipelineControl pipeline;
    @Autowired
    BrokerQueueControl queues;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    BrokerUrl brokerUrl;
    @Autowired
    IntakeFreezes freezes;
    @Autowired
    FreezeRecovery recovery;
    @Autowired
    CamelContext camel;

    @AfterEach
    void thawWhatATestLeftFrozen() throws Exception {
        pipeline.thawIntake();
        if (camel.getRouteController().getRouteStatus("intake").isStopped()) {
            camel.getRouteController().startRoute("intake");
        }
    }

    private boolean commandsPausedOnTheBroker() {
        return broker.server().locateQueue(SimpleString.of(Destinations.COMMANDS)).isPaused();
    }

    private long waitingInCommands() {
        return broker.server().locateQueue(SimpleString.of(Destinations.COMMANDS)).getMessageCount();
    }

    private long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
    }

    @Test
    void duringAFreezeCommandsWaitInTheQueueAndAreLoggedInOrderAfterTheThaw() throws Exception {
        long before = log.head();
        pipeline.freezeIntake("test freeze", null, BUDGET_MS, deadline());
        assertThat(commandsPausedOnTheBroker()).isTrue();
        assertThat(queues.isPaused(Destinations.COMMANDS)).isTrue();
        assertThat(freezes.find()).get().extracting(IntakeFreezes.Freeze::reason).isEqualTo("test freeze");
        assertThat(queues.consumerCount(Destinations.COMMANDS)).as("the intake stays connected, it only receives nothing")
                .isPositive();

        List<String> ids = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "frozen-" + i;
            ids.add(id);
            messages.add(Commands.credited(id, "frozen-C" + (i % 5), i + 1, "2026-01-01T00:00:00Z"));
        }
        post(messages);
        Eventually.await("50 commands waiting in " + Destinations.COMMANDS, Duration.ofSeconds(30),
                () -> queues.messageCount(Destinations.COMMANDS) == 50);
        assertThat(waitingInCommands()).isEqualTo(50);
        assertThat(log.head()).as("nothing logged while frozen").isEqualTo(before);
        assertThat(pipeline.freezeReason()).isEqualTo("test freeze");

        EntityExchangeResult<String> refused = api().post("/api/commands", new String(messages.get(0), StandardCharsets.UTF_8));
        assertThat(refused.getStatus().value()).as(refused.getResponseBody()).isEqualTo(503);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo(String.valueOf(BUDGET_MS / 1000));

        pipeline.thawIntake();
        assertThat(commandsPausedOnTheBroker()).isFalse();
        assertThat(freezes.find()).isEmpty();
        assertThat(pipeline.freezeReason()).isNull();
        Eventually.await("the 50 logged after the thaw", Duration.ofSeconds(60), () -> log.head() >= before + 50);
        List<LogEntry> logged = log.readAfter(before, 100);
        assertThat(logged).extracting(LogEntry::commandId).containsExactlyElementsOf(ids);
        // The batch's log commit comes first, its acknowledgement just after.
        Eventually.await("the 50 acknowledged", Duration.ofSeconds(30), () -> waitingInCommands() == 0);
    }

    /**
     * A consumer elsewhere (another instance's intake) holds a message in its transaction and more in its buffer: the
     * freeze does not return until they are back in the queue, and the buffered ones count as delivering.
     */
    @Test
    void theFreezeWaitsForEveryMessageAConsumerHoldsPrefetchedOnesIncluded() throws Exception {
        long before = log.head();
        // This JVM's intake stopped, so the other consumer is the only one and gets every message.
        camel.getRouteController().stopRoute("intake");
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(Commands.credited("held-" + i, "held-C1", 1, "2026-01-01T00:00:00Z"));
        }
        CompletableFuture<Void> freeze;
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl.url(), brokerUrl.user(), brokerUrl.password());
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer other = session.createConsumer(session.createQueue(Destinations.COMMANDS));
            connection.start();
            post(messages);
            Message first = other.receive(30_000);
            assertThat(first).isNotNull();
            Eventually.await("all five with the other consumer", Duration.ofSeconds(30),
                    () -> queues.deliveringCount(Destinations.COMMANDS) == 5);
            assertThat(queues.messageCount(Destinations.COMMANDS)).as("delivering ones are still in the queue").isEqualTo(5);

            freeze = CompletableFuture.runAsync(() -> {
                try {
                    pipeline.freezeIntake("held test", null, BUDGET_MS, deadline());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Eventually.await("the queue paused", Duration.ofSeconds(30), this::commandsPausedOnTheBroker);
            // One received in the transaction, four only prefetched: the broker counts all five as delivering.
            assertThat(queues.deliveringCount(Destinations.COMMANDS)).isEqualTo(5);
            assertThat(freeze).as("the freeze waits while a consumer holds messages").isNotDone();
            session.rollback();
            other.close();
        }
        freeze.get(60, TimeUnit.SECONDS);
        assertThat(queues.deliveringCount(Destinations.COMMANDS)).isZero();
        assertThat(queues.messageCount(Destinations.COMMANDS)).isEqualTo(5);
        assertThat(log.head()).isEqualTo(before);

        camel.getRouteController().startRoute("intake");
        pipeline.thawIntake();
        Eventually.await("the five logged after the thaw", Duration.ofSeconds(60), () -> log.head() >= before + 5);
        assertThat(log.readAfter(before, 10)).extracting(LogEntry::commandId)
                .containsExactly("held-0", "held-1", "held-2", "held-3", "held-4");
    }

    @Test
    void aFreezeRunsOutOfBudgetWhileAConsumerHoldsAMessageAndOnlyItsHolderThawsIt() throws Exception {
        camel.getRouteController().stopRoute("intake");
        long before = log.head();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl.url(), brokerUrl.user(), brokerUrl.password());
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer other = session.createConsumer(session.createQueue(Destinations.COMMANDS));
            connection.start();
            post(List.of(Commands.credited("budget-0", "budget-C1", 1, "2026-01-01T00:00:00Z")));
            assertThat(other.receive(30_000)).isNotNull();
            // The deadline already passed: the freeze gives up at its first look, naming the queue.
            assertThatThrownBy(() -> pipeline.freezeIntake("over budget", null, 1, System.nanoTime()))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessageContaining("1 message(s) of biz.commands still with a consumer");
            assertThat(pipeline.freezeReason()).isEqualTo("over budget");
            // A second freeze while one is recorded is refused, and does not thaw the first.
            assertThatThrownBy(() -> pipeline.freezeIntake("second", null, 1, System.nanoTime()))
                    .hasMessageContaining("frozen already (over budget");
            assertThat(commandsPausedOnTheBroker()).isTrue();
            session.rollback();
            other.close();
        }
        pipeline.thawIntake();
        assertThat(commandsPausedOnTheBroker()).isFalse();
        assertThat(freezes.find()).isEmpty();
        camel.getRouteController().startRoute("intake");
        Eventually.await("budget-0 logged", Duration.ofSeconds(60), () -> log.head() >= before + 1);
    }

    @Test
    void aFreezeWhoseOwnerIsGoneIsUndoneAndAPauseWithNoRecordIsResumed() throws Exception {
        // A freeze some instance recorded long ago and never ended: its budget and the margin are past.
        freezes.record(new IntakeFreezes.Freeze("stale-token", "cut-over of migration gone", "dead-host pid 1", null,
                Instant.now().minus(Duration.ofHours(2)), 5_000));
        queues.pause(Destinations.COMMANDS);
        long before = log.head();
        post(List.of(Commands.credited("stale-0", "stale-C1", 1, "2026-01-01T00:00:00Z")));
        recovery.atStartUp();
        assertThat(freezes.find()).isEmpty();
        assertThat(commandsPausedOnTheBroker()).isFalse();
        Eventually.await("stale-0 logged once the stale freeze is undone", Duration.ofSeconds(60), () -> log.head() >= before + 1);

        // Within its budget, but its migration does not exist (is not FREEZING): undone at start-up too.
        freezes.record(new IntakeFreezes.Freeze("orphan-token", "cut-over of migration nobody", "dead-host pid 2", "nobody",
                Instant.now(), 60_000));
        queues.pause(Destinations.COMMANDS);
        recovery.atStartUp();
        assertThat(freezes.find()).isEmpty();
        assertThat(commandsPausedOnTheBroker()).isFalse();

        // Paused by hand with no freeze recorded.
        queues.pause(Destinations.COMMANDS);
        assertThat(commandsPausedOnTheBroker()).isTrue();
        recovery.atStartUp();
        assertThat(commandsPausedOnTheBroker()).isFalse();
    }

    @Test
    void thisInstancesOwnFreezeIsNotUndoneByItsRecovery() throws Exception {
        pipeline.freezeIntake("own freeze", "nobody", BUDGET_MS, deadline());
        recovery.atStartUp();
        assertThat(commandsPausedOnTheBroker()).isTrue();
        assertThat(freezes.find()).isPresent();
        pipeline.thawIntake();
        assertThat(commandsPausedOnTheBroker()).isFalse();
    }

    @Test
    void pausingAStorePausesItsQueueAtTheBrokerAndResumingResumesIt() throws Exception {
        String queue = Destinations.storeQueue("modern");
        pipeline.pause("modern");
        try {
            assertThat(queues.isPaused(queue)).isTrue();
            assertThat(broker.server().locateQueue(SimpleString.of(queue)).isPaused()).isTrue();
            assertThat(broker.server().locateQueue(SimpleString.of(queue)).isPersistedPause())
                    .as("kept across a broker restart, as the store's paused flag is").isTrue();
        } finally {
            pipeline.resume("modern");
        }
        assertThat(queues.isPaused(queue)).isFalse();
        assertThat(broker.server().locateQueue(SimpleString.of(queue)).isPaused()).isFalse();
    }

    @Test
    void aQueueTheBrokerDoesNotHaveIsNamedInTheError() {
        assertThatThrownBy(() -> queues.isPaused("biz.no-such-queue"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("biz.no-such-queue");
    }
}
