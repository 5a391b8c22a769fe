package io.bizmaster.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.broker.batch.JmsBatchComponent;
import io.bizmaster.broker.batch.JmsBatchEndpoint;
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
                TestPorts.free(), inVmId, java.time.Duration.ofSeconds(10)));
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://" + inVmId, broker.credentials().user(), broker.credentials().password());
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

    /**
     * An Error inside the route (what an OutOfMemoryError in the intake would be) neither kills the consumer nor spins
     * it: the batch is rolled back, the consumer waits (initial delay, then doubling), health says it is failing and
     * why, and once the route works again the same batch commits first, in order.
     */
    @Test
    void anErrorInTheRouteBacksOffShowsInHealthAndTheBatchCommitsInOrderAfterwards() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch failing = new java.util.concurrent.CountDownLatch(3);
        java.util.concurrent.CountDownLatch healed = new java.util.concurrent.CountDownLatch(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:queue:biz.commands?batchSize=100&batchWait=50&backoffInitialDelay=200&backoffMaxDelay=400")
                        .routeId("batches")
                        .process(exchange -> {
                            attempts.add(System.nanoTime());
                            if (healed.getCount() > 0) {
                                failing.countDown();
                                throw new OutOfMemoryError("simulated: no heap left for this batch");
                            }
                            @SuppressWarnings("unchecked")
                            List<ReceivedMessage> batch = exchange.getMessage().getBody(List.class);
                            batch.forEach(m -> committed.add(new String(m.body(), StandardCharsets.UTF_8)));
                        });
            }
        });
        send(20);
        camel.start();
        assertThat(failing.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        JmsBatchEndpoint endpoint = camel.getEndpoint("jms-batch:queue:biz.commands?batchSize=100&batchWait=50"
                + "&backoffInitialDelay=200&backoffMaxDelay=400", JmsBatchEndpoint.class);
        Eventually.await("three failed batches counted", Duration.ofSeconds(10), () -> endpoint.health().failedBatches() >= 3);
        var health = endpoint.health();
        assertThat(health.failing()).isTrue();
        assertThat(health.lastFailure()).contains("no heap left for this batch");
        assertThat(committed).isEmpty();

        healed.countDown();
        Eventually.await("all 20 messages committed", Duration.ofSeconds(30), () -> committed.size() >= 20,
                () -> committed.toString());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("m-" + i);
        }
        assertThat(committed).as("every message once, in the order sent").isEqualTo(expected);
        Eventually.await("healthy again", Duration.ofSeconds(10), () -> !endpoint.health().failing());
        assertThat(endpoint.health().committedMessages()).isEqualTo(20);
        // Waited between attempts, at least the back-off: 200 ms, then 400 ms (the maximum).
        List<Long> at = List.copyOf(attempts);
        assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(at.get(2) - at.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
    }

    /**
     * A consumer backing off for ten minutes takes its batch again at once when woken (what BizMaster does when the
     * business store answers again): the wait paces retries while the cause lasts, not after it is gone.
     */
    @Test
    void aWakeEndsTheBackOffAtOnce() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        String uri = "jms-batch:queue:biz.commands?batchSize=100&batchWait=50&backoffInitialDelay=600000&backoffMaxDelay=600000";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("woken").process(exchange -> {
                    if (down.get()) {
                        failed.countDown();
                        throw new IllegalStateException("simulated: the business store is down");
                    }
                    @SuppressWarnings("unchecked")
                    List<ReceivedMessage> batch = exchange.getMessage().getBody(List.class);
                    batch.forEach(m -> committed.add(new String(m.body(), StandardCharsets.UTF_8)));
                });
            }
        });
        send(5);
        camel.start();
        assertThat(failed.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        JmsBatchEndpoint endpoint = camel.getEndpoint(uri, JmsBatchEndpoint.class);
        Eventually.await("the failure counted", Duration.ofSeconds(10), () -> endpoint.health().failing());
        down.set(false);
        endpoint.wake();
        Eventually.await("the batch committed long before its ten-minute back-off", Duration.ofMinutes(1),
                () -> committed.size() == 5, committed::toString);
        assertThat(committed).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
    }

    /**
     * The endpoint's options as a route file sets them: two consumers share the queue, a message's own properties
     * reach the route as headers (the broker's JMS and _AMQ ones do not), and the route's headers go out as properties.
     */
    @Test
    void endpointOptionsAndHeaderMappingAsARouteFileSetsThem() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        List<Object> appHeaders = Collections.synchronizedList(new ArrayList<>());
        List<String> leaked = Collections.synchronizedList(new ArrayList<>());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:queue:biz.commands?batchSize=5&batchWait=20&consumerCount=2&backoffInitialDelay=100"
                        + "&backoffMaxDelay=200").routeId("two")
                        .process(exchange -> {
                            @SuppressWarnings("unchecked")
                            List<ReceivedMessage> batch = exchange.getMessage().getBody(List.class);
                            threads.add(Thread.currentThread().getName());
                            for (ReceivedMessage m : batch) {
                                appHeaders.add(m.headers().get("appId"));
                                m.headers().keySet().stream().filter(k -> k.startsWith("JMS") || k.startsWith("_AMQ"))
                                        .forEach(leaked::add);
                            }
                            exchange.getMessage().setHeader("BizSeq", 7L);
                            exchange.getMessage().setHeader("CamelInternal", "x");
                        })
                        .to("jms-batch:queue:biz.dead-letter");
            }
        });
        JmsBatchEndpoint endpoint = (JmsBatchEndpoint) camel.getEndpoint("jms-batch:queue:biz.commands?batchSize=5&batchWait=20"
                + "&consumerCount=2&backoffInitialDelay=100&backoffMaxDelay=200");
        assertThat(endpoint.getConsumerCount()).isEqualTo(2);
        assertThat(endpoint.getBackoffMaxDelay()).isEqualTo(200);
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createQueue("biz.commands"))) {
            for (int i = 0; i < 40; i++) {
                jakarta.jms.TextMessage message = session.createTextMessage("h-" + i);
                message.setStringProperty("appId", "shop");
                message.setStringProperty("_AMQ_DUPL_ID", "dup-" + i);
                producer.send(message);
            }
            session.commit();
        }
        camel.start();
        Eventually.await("all 40 consumed", Duration.ofSeconds(30), () -> appHeaders.size() >= 40);
        assertThat(appHeaders).containsOnly("shop");
        assertThat(leaked).as("broker properties filtered out").isEmpty();
        Eventually.await("the forwarded batches committed", Duration.ofSeconds(10),
                () -> broker.server().locateQueue(SimpleString.of("biz.dead-letter")).getMessageCount() == threads.size());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Message out = session.createConsumer(session.createQueue("biz.dead-letter")).receive(5_000);
            assertThat(out.getLongProperty("BizSeq")).isEqualTo(7L);
            assertThat(out.propertyExists("CamelInternal")).as("Camel's own headers stay inside").isFalse();
        }
    }

    /** Camel's catalogue metadata, generated from the endpoint's annotations: what the YAML DSL and IDE tooling read. */
    @Test
    void theComponentsOptionsAreInCamelsCatalogue() throws Exception {
        org.apache.camel.spi.EndpointUriFactory uris = org.apache.camel.support.PluginHelper.getUriFactoryResolver(camel)
                .resolveFactory("jms-batch", camel);
        assertThat(uris).as("generated by camel-package-maven-plugin").isNotNull();
        assertThat(uris.propertyNames()).contains("destinationType", "destinationName", "batchSize", "batchWait",
                "consumerCount", "backoffInitialDelay", "backoffMaxDelay", "reconnectDelay", "headerFilterStrategy");
        assertThat(uris.buildUri("jms-batch", java.util.Map.of("destinationType", "queue", "destinationName", "biz.commands",
                "batchSize", 100))).isEqualTo("jms-batch:queue:biz.commands?batchSize=100");
        try (var json = JmsBatchComponent.class.getResourceAsStream("/META-INF/io/bizmaster/broker/batch/jms-batch.json")) {
            assertThat(new String(json.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"consumerCount\"").contains("Consumer threads, each with its own session");
        }
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
