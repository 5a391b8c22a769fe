package io.bizmaster.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.TestPorts;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker from artemis/broker.xml and its users files, over CORE, AMQP and STOMP: nobody gets in without a user;
 * the appcenter may send to biz.commands and do nothing else (not consume, browse, delete or bind a queue there, not
 * send to the feed or a store's queue); BizMaster's own generated user does the rest.
 */
class BrokerSecurityTest {

    @TempDir
    Path data;

    private EmbeddedBroker broker;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = TestPorts.free();
        broker = new EmbeddedBroker(new BrokerProperties(true, Path.of("artemis/broker.xml"), data, "127.0.0.1", port,
                ThreadLocalRandom.current().nextInt(1000, 1_000_000), java.time.Duration.ofSeconds(10)));
        broker.start();
        try (ClientSession bizmaster = core(broker.credentials().user(), broker.credentials().password())) {
            bizmaster.createQueue(QueueConfiguration.of("biz.store.legacy").setAddress("biz.feed")
                    .setRoutingType(RoutingType.MULTICAST).setDurable(true));
        }
    }

    @AfterEach
    void stop() throws Exception {
        broker.stop();
    }

    private ClientSession core(String user, String password) throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + port);
        ClientSessionFactory factory = locator.createSessionFactory();
        return factory.createSession(user, password, false, true, true, false, 0);
    }

    @Test
    void bizMastersOwnUserIsGeneratedOnceAndKeptWhereOnlyItsOwnerReadsIt() throws Exception {
        Path file = data.resolve("bizmaster.credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(data.resolve("bizmaster-users.properties"))).startsWith("bizmaster = ENC(")
                .doesNotContain(broker.credentials().password());
        assertThat(Files.readString(Path.of("artemis/artemis-users.properties"))).doesNotContain("bizmaster =");
    }

    @Test
    void nobodyGetsInWithoutAUserOnAnyProtocol() throws Exception {
        assertThatThrownBy(() -> core(null, null).close()).hasMessageContaining("AMQ229031");
        assertThatThrownBy(() -> core(AppCenter.USER, "wrong").close()).hasMessageContaining("AMQ229031");
        for (ConnectionFactory anonymous : java.util.List.<ConnectionFactory>of(
                new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port), new JmsConnectionFactory("amqp://127.0.0.1:" + port))) {
            assertThatThrownBy(() -> {
                try (Connection c = anonymous.createConnection()) {
                    c.createSession(false, Session.AUTO_ACKNOWLEDGE).createProducer(null);
                }
            }).as(anonymous.getClass().getSimpleName()).isInstanceOf(JMSSecurityException.class);
        }
        try (Stomp stomp = new Stomp(port)) {
            assertThat(stomp.connect("")).startsWith("ERROR");
        }
    }

    @Test
    void theAppCenterSendsCommandsAndNothingElse() throws Exception {
        for (ConnectionFactory appcenter : java.util.List.<ConnectionFactory>of(AppCenter.core(port),
                new JmsConnectionFactory(AppCenter.USER, AppCenter.PASSWORD, "amqp://127.0.0.1:" + port))) {
            String protocol = appcenter instanceof JmsConnectionFactory ? "AMQP" : "CORE";
            try (Connection c = appcenter.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createProducer(s.createQueue("biz.commands")).send(s.createTextMessage("{}"));
                refused(protocol + " consume", () -> s.createConsumer(s.createQueue("biz.commands")));
                refused(protocol + " browse", () -> s.createBrowser(s.createQueue("biz.commands")).getEnumeration()
                        .hasMoreElements());
                refused(protocol + " send to the feed", () -> s.createProducer(s.createTopic("biz.feed"))
                        .send(s.createTextMessage("{}")));
                refused(protocol + " send to a store's queue", () -> s.createProducer(s.createQueue("biz.store.legacy"))
                        .send(s.createTextMessage("{}")));
            }
        }
        try (ClientSession appcenter = core(AppCenter.USER, AppCenter.PASSWORD)) {
            assertThatThrownBy(() -> appcenter.deleteQueue(SimpleString.of("biz.commands"))).hasMessageContaining("AMQ229213");
            assertThatThrownBy(() -> appcenter.createQueue(QueueConfiguration.of("stolen").setAddress("biz.commands")
                    .setRoutingType(RoutingType.ANYCAST))).hasMessageContaining("AMQ229213");
            assertThatThrownBy(() -> appcenter.createQueue(QueueConfiguration.of("copy").setAddress("biz.feed")
                    .setRoutingType(RoutingType.MULTICAST).setDurable(false))).hasMessageContaining("AMQ229213");
        }
        try (Stomp stomp = new Stomp(port)) {
            assertThat(stomp.connect(AppCenter.stompLogin())).startsWith("CONNECTED");
            assertThat(stomp.send("biz.commands")).startsWith("RECEIPT");
        }
        try (Stomp stomp = new Stomp(port)) {
            stomp.connect(AppCenter.stompLogin());
            assertThat(stomp.send("biz.feed")).startsWith("ERROR"); // AMQ339011, the permission check refused it
        }
        try (Stomp stomp = new Stomp(port)) {
            stomp.connect(AppCenter.stompLogin());
            assertThat(stomp.subscribe("biz.commands")).startsWith("ERROR"); // AMQ339016: no consume permission
        }
        // Three sends got through (CORE, AMQP, STOMP) and wait for BizMaster, untouched.
        assertThat(broker.server().locateQueue(SimpleString.of("biz.commands")).getMessageCount()).isEqualTo(3);
        assertThat(broker.server().locateQueue(SimpleString.of("biz.store.legacy")).getMessageCount()).isZero();
    }

    /** Refused for want of permission (AMQ229032), whichever exception type the protocol's client uses to say so. */
    private static void refused(String what, org.assertj.core.api.ThrowableAssert.ThrowingCallable action) {
        assertThatThrownBy(action).as(what).satisfiesAnyOf(
                e -> assertThat(e).isInstanceOf(JMSSecurityException.class),
                e -> assertThat(e).hasMessageContaining("AMQ229032"));
    }

    /** STOMP 1.2 over a plain socket, one frame at a time. */
    private static final class Stomp implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Stomp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        String connect(String login) throws IOException {
            return exchange("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n" + login + "\n");
        }

        String send(String destination) throws IOException {
            return exchange("SEND\ndestination:" + destination + "\nreceipt:r\n\n{}");
        }

        String subscribe(String destination) throws IOException {
            return exchange("SUBSCRIBE\nid:0\ndestination:" + destination + "\nreceipt:s\n\n");
        }

        private String exchange(String frame) throws IOException {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) > 0 || (b == '\n' && answer.size() == 0)) {
                if (b != '\n' || answer.size() > 0) {
                    answer.write(b);
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
