package io.bizmaster.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.testing.ArtemisDistribution;
import io.bizmaster.testing.ArtemisPair;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LoadGenerator;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BizMaster's replicated broker pair ({@code artemis/ha-primary.properties}, {@code ha-backup.properties} over the
 * unchanged {@code broker.xml}) from the Artemis distribution: the primary SIGKILLed mid-stream, the backup takes over,
 * and clients that name both with {@code ha=true} lose nothing and double nothing. Runs with {@code mvn -Pchaos test}
 * (the profile unpacks the distribution); about a minute. Prints the fail-over times the issue quotes.
 */
@Tag("chaos")
class BrokerFailoverTest {

    private static final int MESSAGES = 4_000;
    private static final int KILL_AFTER = 1_500;
    private static final int RATE = 300;

    @TempDir
    Path data;

    /**
     * A producer sends numbered persistent messages, each with a duplicate-detection id ({@code _AMQ_DUPL_ID}, as
     * BizMaster's gateway sets one), and sends one again when the broker's answer was lost; a consumer takes them in
     * transactions. The primary is killed after {@value #KILL_AFTER}. Every number reaches the consumer, none is
     * committed twice, and the queue is empty at the end.
     */
    @Test
    void aClientOfThePairLosesNothingAndDoublesNothingWhenThePrimaryIsKilled() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "chaos", "pair-jms"));
        String run = "ha-" + System.nanoTime() + "-";
        try (ArtemisPair pair = new ArtemisPair(artemisHome(), data.resolve("pair"), logs).create()) {
            pair.start();
            Map<Integer, Integer> committed = new ConcurrentHashMap<>();
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            List<Integer> inDoubt = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong killedAt = new AtomicLong();
            AtomicLong firstAfterKill = new AtomicLong();
            AtomicLong resent = new AtomicLong();
            // No prefetch: a message taken after the kill was delivered after the kill (by the backup), so the first
            // one after the kill times the fail-over.
            ActiveMQConnectionFactory consumerFactory = pair.bizMaster();
            consumerFactory.setConsumerWindowSize(0);
            Thread consumer = new Thread(() -> consume(consumerFactory, run, committed, seen, inDoubt, killedAt,
                    firstAfterKill), "pair-consumer");
            consumer.start();
            AtomicLong sent = new AtomicLong();
            List<Throwable> producerFailure = java.util.Collections.synchronizedList(new ArrayList<>());
            // The producer sends on while the primary is killed from this thread, so a send may be in flight.
            Thread producer = new Thread(() -> {
                try {
                    produce(pair, run, sent, resent);
                } catch (Throwable t) {
                    producerFailure.add(t);
                }
            }, "pair-producer");
            long backupActiveMs;
            try {
                producer.start();
                Eventually.await(KILL_AFTER + " messages sent before the kill", Duration.ofMinutes(1),
                        () -> sent.get() >= KILL_AFTER || !producerFailure.isEmpty());
                assertThat(producerFailure).as("the producer before the kill").isEmpty();
                long backupLog = pair.killPrimary();
                killedAt.set(System.nanoTime());
                pair.awaitBackupActive(backupLog);
                backupActiveMs = (System.nanoTime() - killedAt.get()) / 1_000_000;
                producer.join(Duration.ofMinutes(2).toMillis());
                assertThat(producerFailure).as("the producer").isEmpty();
                assertThat(sent.get()).as("messages sent").isEqualTo(MESSAGES);
                Eventually.await("every message consumed", Duration.ofMinutes(2), () -> seen.size() == MESSAGES,
                        () -> seen.size() + " of " + MESSAGES + " seen");
            } finally {
                producer.interrupt();
                producer.join(30_000);
                consumer.interrupt();
                consumer.join(30_000);
            }
            assertNothingLeftIn(pair);
            List<String> doubled = new ArrayList<>();
            committed.forEach((n, times) -> {
                if (times > 1) {
                    doubled.add(n + " committed " + times + " times");
                }
            });
            assertThat(doubled).as("no message consumed twice").isEmpty();
            long notCommitted = inDoubt.stream().distinct().filter(n -> !committed.containsKey(n)).count();
            assertThat(committed.size() + notCommitted).as("every message consumed once (committed or in a commit the "
                    + "fail-over left in doubt and that was not delivered again)").isEqualTo(MESSAGES);
            assertThat(firstAfterKill.get()).as("a message consumed after the kill").isPositive();
            System.out.printf("CHAOS pair fail-over (JMS): %,d messages, primary SIGKILLed after %,d; each consumed once "
                            + "(%,d sends repeated after a lost answer, %,d in a commit left in doubt); kill to the first "
                            + "message consumed on the backup %,d ms (the backup's log says active %,d ms after the kill)%n",
                    MESSAGES, KILL_AFTER, resent.get(), inDoubt.size(),
                    (firstAfterKill.get() - killedAt.get()) / 1_000_000, backupActiveMs);
        }
    }

    /**
     * BizMaster in its own process on the pair ({@code bizmaster.broker.embedded=false}, the ha URL, its password in
     * a configtree file, all as docker-compose.yml gives them) while AppCenters post; the primary is SIGKILLed under load. Every posted command is in the log
     * once, in per-key order, both stores reach the head and equal the model.
     */
    @Test
    void bizMasterOnThePairSurvivesThePrimarysKill() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "chaos", "pair-bizmaster"));
        String run = "pair";
        DemoStream stream = DemoStream.generate(6_000, 1_000, 13, run);
        try (ArtemisPair pair = new ArtemisPair(artemisHome(), data.resolve("pair"), logs).create()) {
            pair.start();
            // Configured as docker-compose.yml configures it: environment variables, the password a file of the
            // configtree that SPRING_CONFIG_IMPORT names.
            Path secrets = Files.createDirectories(data.resolve("secrets"));
            Files.writeString(secrets.resolve("spring.artemis.password"), pair.password());
            ChildApplication child = new ChildApplication(data.resolve("app"), logs.resolve("bizmaster.log"), List.of(),
                    Map.of("BIZMASTER_BROKER_EMBEDDED", "false",
                            "SPRING_ARTEMIS_BROKER_URL", pair.url(),
                            "SPRING_ARTEMIS_USER", pair.user(),
                            "SPRING_CONFIG_IMPORT", "optional:configtree:" + secrets + "/"));
            Files.createDirectories(data.resolve("app"));
            int total = stream.messages().size();
            long movingAgainMs;
            Process app = child.start();
            try (ActiveMQConnectionFactory factory = pair.appCenter();
                 LoadGenerator load = new LoadGenerator(stream, RATE)) {
                load.start(new CommandPoster(factory));
                Eventually.await("the load flowing before the kill", Duration.ofMinutes(2), () -> child.head() >= 1_500,
                        load::lastPostFailure);
                long headAtKill = child.head();
                pair.killPrimary();
                long killedAt = System.nanoTime();
                Eventually.await("the log moving again after the primary's kill", Duration.ofMinutes(2),
                        () -> child.head() > headAtKill || load.done(), load::lastPostFailure);
                movingAgainMs = (System.nanoTime() - killedAt) / 1_000_000;
                load.awaitDone(Duration.ofMinutes(3));
                Eventually.await("every command logged and applied after the fail-over", Duration.ofMinutes(3),
                        () -> child.allAt(total), () -> String.valueOf(child.stores()));
            } finally {
                app.destroy();
                app.waitFor();
            }
            ChaosTest.assertLogExactlyOnceInOrder(child, stream, run);
            DemoStores.assertLegacyMatches(child.h2("stores/legacy"), stream.model(), run);
            DemoStores.assertModernMatches(child.h2("stores/modern"), stream.model(), run);
            System.out.printf("CHAOS pair fail-over (BizMaster): %,d commands posted at %d/s, primary SIGKILLed under load;"
                    + " each once in the log, both stores at the head and equal to the model; kill to the log moving again "
                    + "%,d ms%n", total, RATE, movingAgainMs);
        }
    }

    /** Sends the numbered messages back to back (so one is in flight when the primary dies), each until answered. */
    private static void produce(ArtemisPair pair, String run, AtomicLong sent, AtomicLong resent) throws Exception {
        try (ActiveMQConnectionFactory factory = pair.appCenter();
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue("biz.commands"))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 0; n < MESSAGES; n++) {
                resent.addAndGet(sendUntilAnswered(session, producer, run, n));
                sent.incrementAndGet();
            }
        }
    }

    /** Sends message {@code n}; returns how many times it had to be sent again because the answer was lost. */
    private static int sendUntilAnswered(Session session, MessageProducer producer, String run, int n)
            throws JMSException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                TextMessage message = session.createTextMessage(String.valueOf(n));
                message.setStringProperty("_AMQ_DUPL_ID", run + n);
                producer.send(message);
                return attempt;
            } catch (JMSException e) {
                // Bounded: a fail-over takes seconds; 30 attempts with growing pauses is well over a minute.
                if (attempt == 30) {
                    throw e;
                }
                Thread.sleep(100L * Math.min(attempt + 1, 10));
            }
        }
    }

    /** Takes messages one transaction each; a commit that fails leaves its message in doubt (the broker may have it). */
    private static void consume(ActiveMQConnectionFactory factory, String run, Map<Integer, Integer> committed,
                                Set<Integer> seen, List<Integer> inDoubt, AtomicLong killedAt, AtomicLong firstAfterKill) {
        try (factory; Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue("biz.commands"))) {
            connection.start();
            while (!Thread.currentThread().isInterrupted()) {
                Integer n = null;
                try {
                    Message message = consumer.receive(200);
                    if (message == null) {
                        continue;
                    }
                    String body = ((TextMessage) message).getText();
                    if (!run.equals(message.getStringProperty("_AMQ_DUPL_ID").replaceAll("[0-9]+$", ""))) {
                        session.commit();
                        continue;
                    }
                    n = Integer.valueOf(body);
                    seen.add(n);
                    long now = System.nanoTime();
                    if (killedAt.get() != 0 && now > killedAt.get()) {
                        firstAfterKill.compareAndSet(0, now);
                    }
                    session.commit();
                    committed.merge(n, 1, Integer::sum);
                } catch (JMSException e) {
                    if (n != null) {
                        inDoubt.add(n);
                    }
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("the pair's consumer failed", e);
        }
    }

    private static void assertNothingLeftIn(ArtemisPair pair) throws JMSException {
        try (ActiveMQConnectionFactory factory = pair.bizMaster();
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue("biz.commands"))) {
            connection.start();
            Message left = consumer.receive(2_000);
            assertThat(left).as("nothing left in biz.commands (a doubled message would be)").isNull();
        }
    }

    private static Path artemisHome() {
        return ArtemisDistribution.home();
    }
}
