package io.bizmaster.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.broker.batch.JmsBatchComponent;
import io.bizmaster.broker.batch.ReceivedMessage;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestPorts;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jms-batch component on the embedded broker configured from artemis/broker.xml: a batch is one
 * transaction; a failed batch comes back whole and first, so nothing overtakes it.
 */
class JmsBatchComponentTest {

    @TempDir
    Path data;

    private EmbeddedBroker broker;
    private ActiveMQConnectionFactory factory;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        int inVmId = ThreadLocalRandom.current().nextInt(1000, 1_000_000);
        broker = new EmbeddedBroker(new BrokerProperties(true, Path.of("artemis/broker.xml"), data, "127.0.0.1",
                TestPorts.free(), inVmId));
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://" + inVmId);
        camel = new DefaultCamelContext();
        camel.addComponent("jms-batch", new JmsBatchComponent(factory));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        factory.close();
        broker.stop();
    }

    @Test
    void aFailedBatchIsTakenAgainWholeAndBeforeAnythingBehindIt() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failedOnce = new AtomicBoolean();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:queue:biz.commands?batchSize=10&batchWait=50").routeId("batches")
                        .process(exchange -> {
                            @SuppressWarnings("unchecked")
                            List<ReceivedMessage> batch = exchange.getMessage().getBody(List.class);
                            List<String> bodies = batch.stream().map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
                            if (bodies.contains("m-15") && failedOnce.compareAndSet(false, true)) {
                                throw new IllegalStateException("the business store is down");
                            }
                            batchSizes.add(bodies.size());
                            committed.addAll(bodies);
                        });
            }
        });
        send(50);
        camel.start();

        Eventually.await("all 50 messages committed", Duration.ofSeconds(30), () -> committed.size() >= 50,
                () -> committed.toString());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("m-" + i);
        }
        assertThat(failedOnce).isTrue();
        assertThat(committed).as("every message once, in the order sent, the failed batch included").isEqualTo(expected);
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 10));
        // The last batch's JMS commit follows its processor: wait for it rather than race it.
        Eventually.await("the last batch committed", Duration.ofSeconds(10),
                () -> broker.server().locateQueue(SimpleString.of("biz.commands")).getMessageCount() == 0);
        assertThat(broker.server().locateQueue(SimpleString.of("biz.dead-letter")).getMessageCount()).isZero();
    }

    private void send(int count) throws Exception {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createQueue("biz.commands"))) {
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("m-" + i));
            }
            session.commit();
        }
    }
}
