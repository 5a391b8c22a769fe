package io.bizmaster.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's queue is exclusive, so with several instances on one broker a single one applies the store: the broker
 * gives every message to the first consumer while it lives and to the next one when it goes. A queue bound by an
 * older BizMaster (not exclusive) is made exclusive by the next bind.
 */
class ExclusiveStoreQueuesTest {

    @TempDir
    Path data;

    private EmbeddedBroker broker;
    private int port;
    private StoreQueues queues;

    @BeforeEach
    void start() throws Exception {
        port = TestPorts.free();
        broker = new EmbeddedBroker(new BrokerProperties(true, Path.of("artemis/broker.xml"), data, "127.0.0.1", port,
                ThreadLocalRandom.current().nextInt(1000, 1_000_000), Duration.ofSeconds(10)));
        broker.start();
        queues = new StoreQueues("tcp://127.0.0.1:" + port, broker.credentials().user(), broker.credentials().password());
    }

    @AfterEach
    void stop() throws Exception {
        broker.stop();
    }

    private ClientSession session() throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + port);
        ClientSessionFactory factory = locator.createSessionFactory();
        return factory.createSession(broker.credentials().user(), broker.credentials().password(), false, true, true, false, 0);
    }

    @Test
    void aNewQueueIsBoundExclusive() {
        queues.bind("legacy");
        assertThat(queues.exclusive("legacy")).isTrue();
    }

    @Test
    void aQueueBoundBeforeIsMadeExclusiveKeepingWhatWaitsInIt() throws Exception {
        try (ClientSession s = session()) {
            s.createAddress(org.apache.activemq.artemis.api.core.SimpleString.of(Destinations.FEED), RoutingType.MULTICAST, false);
            s.createQueue(QueueConfiguration.of(Destinations.storeQueue("legacy")).setAddress(Destinations.FEED)
                    .setRoutingType(RoutingType.MULTICAST).setDurable(true));
            send(s, 3);
        }
        assertThat(queues.exclusive("legacy")).isFalse();

        queues.bind("legacy");

        assertThat(queues.exclusive("legacy")).isTrue();
        try (ClientSession s = session()) {
            assertThat(s.queueQuery(org.apache.activemq.artemis.api.core.SimpleString.of(Destinations.storeQueue("legacy")))
                    .getMessageCount()).isEqualTo(3);
        }
    }

    @Test
    void oneConsumerGetsEverythingUntilItGoesThenTheNextTakesOver() throws Exception {
        queues.bind("legacy");
        try (ClientSession first = session(); ClientSession second = session(); ClientSession sender = session()) {
            ClientConsumer a = first.createConsumer(Destinations.storeQueue("legacy"));
            ClientConsumer b = second.createConsumer(Destinations.storeQueue("legacy"));
            first.start();
            second.start();
            send(sender, 10);
            for (int i = 0; i < 10; i++) {
                ClientMessage m = a.receive(10_000);
                assertThat(m).as("message %d to the first consumer", i).isNotNull();
                m.acknowledge();
            }
            assertThat(b.receiveImmediate()).as("the standby consumer got nothing").isNull();

            a.close(); // its instance died or stopped the store's route
            send(sender, 5);
            for (int i = 0; i < 5; i++) {
                ClientMessage m = b.receive(10_000);
                assertThat(m).as("message %d to the consumer that took over", i).isNotNull();
                m.acknowledge();
            }
        }
    }

    private static void send(ClientSession s, int count) throws Exception {
        try (ClientProducer producer = s.createProducer(Destinations.FEED)) {
            for (int i = 0; i < count; i++) {
                ClientMessage m = s.createMessage(true);
                m.putLongProperty("BizSeq", i + 1);
                producer.send(m);
            }
        }
    }
}
